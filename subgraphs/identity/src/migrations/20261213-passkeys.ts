import { Migration } from '@mikro-orm/migrations';

/** WebAuthn passkeys: public keys and signature counters, a second factor beside TOTP. */
export class Passkeys20261213 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table passkeys (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        name varchar(64) not null,
        credential_id varchar(1024) not null unique,
        public_key text not null,
        counter bigint not null default 0,
        transports jsonb not null default '[]',
        multi_device boolean not null default false,
        backed_up boolean not null default false,
        last_used_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index passkeys_user_id_idx on passkeys (user_id);
    `);
  }
}
