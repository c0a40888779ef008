import { Migration } from '@mikro-orm/migrations';

export class InitialObservability20261201 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- One row per shipped log line; the id is its Redis stream id, so a redelivered entry is a no-op.
      create table log_entries (
        id varchar(32) primary key,
        time timestamptz not null,
        level smallint not null,
        service varchar(64) not null,
        message text not null,
        request_id varchar(128) null,
        context jsonb not null default '{}'
      );
      create index log_entries_time_id_idx on log_entries (time desc, id desc);
      create index log_entries_service_time_idx on log_entries (service, time desc);
      create index log_entries_request_id_idx on log_entries (request_id) where request_id is not null;

      -- The seed's table (timestamps with time zone), plus what grouping by fingerprint needs.
      create table error_tracking (
        id serial primary key,
        error_type varchar(100) not null,
        error_message text not null,
        stack_trace text,
        context jsonb,
        severity varchar(20) not null default 'medium'
          check (severity in ('low', 'medium', 'high', 'critical')),
        resolved boolean not null default false,
        created_at timestamptz not null default now(),
        fingerprint varchar(64) not null unique,
        service varchar(64) not null,
        count integer not null default 1,
        last_seen_at timestamptz not null default now(),
        resolved_at timestamptz null,
        resolved_by uuid null,
        reopened_count integer not null default 0
      );
      create index error_tracking_last_seen_idx on error_tracking (last_seen_at desc, id desc);

      -- Derived values per scrape, and their 1-minute rollups for longer ranges.
      create table metric_samples (
        time timestamptz not null,
        service varchar(64) not null,
        name varchar(64) not null,
        value double precision not null
      );
      create index metric_samples_name_time_idx on metric_samples (name, time);
      create index metric_samples_time_idx on metric_samples (time);

      create table metric_rollups (
        bucket timestamptz not null,
        service varchar(64) not null,
        name varchar(64) not null,
        count integer not null,
        sum double precision not null,
        min double precision not null,
        max double precision not null,
        primary key (name, service, bucket)
      );
      create index metric_rollups_bucket_idx on metric_rollups (bucket);

      create table health_checks (
        time timestamptz not null,
        component varchar(64) not null,
        kind varchar(16) not null,
        status varchar(8) not null,
        latency_ms integer not null,
        version varchar(64) null,
        error text null,
        detail text null
      );
      create index health_checks_component_time_idx on health_checks (component, time desc);
      create index health_checks_time_idx on health_checks (time);
    `);
  }
}
