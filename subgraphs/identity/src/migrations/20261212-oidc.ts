import { Migration } from '@mikro-orm/migrations';

/** Sign-in with OpenID Connect: which provider account (provider, subject) is which user. */
export class Oidc20261212 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table linked_identities (
        id uuid primary key,
        provider varchar(32) not null,
        subject varchar(255) not null,
        user_id uuid not null references users (id) on delete cascade,
        email varchar(254) null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz null,
        constraint linked_identities_provider_subject_unique unique (provider, subject)
      );
      create index linked_identities_user_id_index on linked_identities (user_id);
    `);
  }
}
