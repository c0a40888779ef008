import { Migration } from '@mikro-orm/migrations';

export class InitialWebhooks20261202 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_sources (
        id uuid primary key,
        owner_id uuid not null,
        name varchar(200) not null,
        action varchar(20) not null,
        signature varchar(20) not null,
        agent varchar(100),
        task_type varchar(100),
        secrets jsonb not null,
        created_at timestamptz not null default now()
      );
      create index webhook_sources_owner_created_idx on webhook_sources (owner_id, created_at desc, id desc);
      create table inbound_webhooks (
        id uuid primary key,
        source_id uuid not null references webhook_sources (id) on delete cascade,
        webhook_id varchar(200) not null,
        body text not null,
        status varchar(20) not null,
        task_id uuid,
        error text,
        created_at timestamptz not null default now(),
        unique (source_id, webhook_id)
      );
      create index inbound_webhooks_source_created_idx on inbound_webhooks (source_id, created_at desc, id desc);
    `);
  }
}
