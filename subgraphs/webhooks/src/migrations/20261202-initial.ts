import { Migration } from '@mikro-orm/migrations';

export class InitialWebhooks20261202 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_sources (
        id uuid primary key,
        owner_id uuid not null,
        name varchar(200) not null,
        created_at timestamptz not null default now()
      );
      create index webhook_sources_owner_created_idx on webhook_sources (owner_id, created_at desc, id desc);
    `);
  }
}
