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
      create table webhook_endpoints (
        id uuid primary key,
        owner_id uuid not null,
        url text not null,
        event_types jsonb not null,
        secret varchar(100) not null,
        status varchar(20) not null,
        disabled_reason text,
        created_at timestamptz not null default now()
      );
      create index webhook_endpoints_owner_created_idx on webhook_endpoints (owner_id, created_at desc, id desc);
      create table webhook_attempts (
        id uuid primary key,
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        message_id varchar(200) not null,
        event_type varchar(100) not null,
        attempt integer not null,
        status_code integer,
        latency_ms integer not null,
        response_excerpt text,
        error text,
        created_at timestamptz not null default now()
      );
      create index webhook_attempts_endpoint_created_idx on webhook_attempts (endpoint_id, created_at desc, id desc);
    `);
  }
}
