import { Migration } from '@mikro-orm/migrations';

/** The transactional outbox: `user.changed` events commit with the change, then a relay sends them. */
export class Outbox20261214 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table outbox (
        id bigserial primary key,
        stream varchar(64) not null,
        type varchar(64) not null,
        payload jsonb not null,
        created_at timestamptz not null default now()
      );
    `);
  }
}
