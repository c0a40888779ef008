import { Migration } from '@mikro-orm/migrations';

/** Account self-service: profile, email verification, one-time account links, and sessions as rows. */
export class Accounts20261210 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table users
        add column display_name varchar(64) null,
        add column email_verified_at timestamptz null,
        add column pending_email varchar(254) null;
      -- Accounts made before verification existed count as verified: turning REQUIRE_EMAIL_VERIFICATION
      -- on must not lock out everyone who signed up before it could be asked of them.
      update users set email_verified_at = created_at;

      create table account_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        purpose varchar(32) not null check (purpose in ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
        token_hash varchar(64) not null unique,
        email varchar(254) not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index account_tokens_user_id_idx on account_tokens (user_id, purpose);

      create table sessions (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        user_agent varchar(512) null,
        ip varchar(64) null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        ended_at timestamptz null
      );
      create index sessions_user_id_created_at_id_idx on sessions (user_id, created_at desc, id desc);

      -- A session is a refresh-token family: the live ones (a token neither spent nor revoked) get a row.
      insert into sessions (id, user_id, created_at, last_used_at)
      select family_id, user_id, min(created_at), max(created_at)
      from refresh_tokens
      group by family_id, user_id
      having bool_or(used_at is null and revoked_at is null and expires_at > now());
    `);
  }
}
