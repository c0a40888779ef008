import { Migration } from '@mikro-orm/migrations';

export class InitialIdentity20261127 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table users (
        id uuid primary key,
        username varchar(32) not null,
        email varchar(254) not null,
        password_hash text not null,
        role varchar(16) not null default 'USER' check (role in ('ADMIN', 'USER', 'AGENT', 'GUEST')),
        disabled boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_login_at timestamptz null
      );
      create unique index users_username_lower_key on users (lower(username));
      create unique index users_email_key on users (email);
      create index users_created_at_id_idx on users (created_at desc, id desc);
      create index users_search_idx on users using btree (lower(username) text_pattern_ops);

      create table refresh_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        family_id uuid not null,
        token_hash varchar(64) not null unique,
        expires_at timestamptz not null,
        used_at timestamptz null,
        revoked_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index refresh_tokens_user_id_idx on refresh_tokens (user_id);
      create index refresh_tokens_family_id_idx on refresh_tokens (family_id);

      create table api_keys (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        name varchar(64) not null,
        role varchar(16) not null check (role in ('ADMIN', 'USER', 'AGENT', 'GUEST')),
        prefix varchar(16) not null,
        key_hash varchar(64) not null unique,
        expires_at timestamptz null,
        last_used_at timestamptz null,
        revoked_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index api_keys_user_id_idx on api_keys (user_id);

      create table audit_events (
        id uuid primary key,
        type varchar(32) not null,
        actor_id uuid null,
        subject_id uuid null,
        ip varchar(64) null,
        details jsonb not null default '{}',
        created_at timestamptz not null default now()
      );
      create index audit_events_created_at_id_idx on audit_events (created_at desc, id desc);
      create index audit_events_type_idx on audit_events (type);
      create index audit_events_subject_id_idx on audit_events (subject_id);

      create table signing_keys (
        kid varchar(64) primary key,
        private_jwk jsonb not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now(),
        retired_at timestamptz null
      );
    `);
  }
}
