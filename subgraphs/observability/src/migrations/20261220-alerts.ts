import { Migration } from '@mikro-orm/migrations';

/** Alert rules, their alerts (one row per episode, kept as history) and silences (issue 17). */
export class Alerts20261220 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table alert_rules (
        id uuid primary key,
        name varchar(120) not null,
        description text null,
        kind varchar(32) not null,
        severity varchar(16) not null,
        enabled boolean not null,
        -- Which shipped default rule this is; seeding inserts a key only once, so an ADMIN's edits stay.
        builtin_key varchar(64) null unique,
        metric varchar(64) null,
        service varchar(64) null,
        comparison varchar(8) not null,
        threshold double precision not null,
        for_seconds integer not null,
        resolve_after_seconds integer not null,
        notify jsonb not null,
        state varchar(16) not null default 'OK',
        value double precision null,
        last_evaluated_at timestamptz null,
        holding_since timestamptz null,
        clear_since timestamptz null,
        alert_id uuid null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );

      -- No foreign key to the rule: history outlives a deleted rule.
      create table alerts (
        id uuid primary key,
        rule_id uuid not null,
        name varchar(120) not null,
        severity varchar(16) not null,
        status varchar(16) not null,
        summary text not null,
        value double precision null,
        started_at timestamptz not null,
        firing_at timestamptz null,
        resolved_at timestamptz null,
        silenced boolean not null default false,
        notified boolean not null default false
      );
      create index alerts_started_idx on alerts (started_at desc, id desc);
      create index alerts_rule_started_idx on alerts (rule_id, started_at desc, id desc);
      create index alerts_open_idx on alerts (started_at desc) where status <> 'RESOLVED';

      create table alert_silences (
        id uuid primary key,
        rule_id uuid null,
        reason text not null,
        created_by uuid null,
        starts_at timestamptz not null,
        ends_at timestamptz not null
      );
      create index alert_silences_ends_idx on alert_silences (ends_at desc);

      -- When a resolved group came back, and its count then: an ERROR_GROUP rule's rate since reopening.
      alter table error_tracking
        add column reopened_at timestamptz null,
        add column count_at_reopen integer not null default 0;
    `);
  }
}
