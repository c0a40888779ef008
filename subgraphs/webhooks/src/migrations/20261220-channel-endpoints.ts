import { Migration } from '@mikro-orm/migrations';

/** Endpoints of a channel: found by channel when one of its events is sent. */
export class ChannelEndpoints20261220 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table webhook_endpoints add column channel_id uuid;
      create index webhook_endpoints_channel_idx on webhook_endpoints (channel_id, created_at desc, id desc)
        where channel_id is not null;
    `);
  }
}
