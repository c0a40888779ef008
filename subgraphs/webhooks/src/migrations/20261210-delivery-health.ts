import { Migration } from '@mikro-orm/migrations';

/** Redelivery needs the body each attempt sent; disabling after repeated failure needs the count of them. */
export class DeliveryHealth20261210 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table webhook_attempts add column body text;
      create index webhook_attempts_message_idx on webhook_attempts (message_id, created_at desc);
      alter table webhook_endpoints
        add column consecutive_failures integer not null default 0,
        add column disabled_at timestamptz;
    `);
  }
}
