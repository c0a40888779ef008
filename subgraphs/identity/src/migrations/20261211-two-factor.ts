import { Migration } from '@mikro-orm/migrations';

/** Two-factor sign-in: a TOTP secret (encrypted) per account, and its single-use recovery codes. */
export class TwoFactor20261211 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table user_totp (
        user_id uuid primary key references users (id) on delete cascade,
        secret_box text not null,
        confirmed_at timestamptz null,
        last_time_step bigint null,
        created_at timestamptz not null default now()
      );

      create table recovery_codes (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        code_hash varchar(64) not null unique,
        used_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index recovery_codes_user_id_idx on recovery_codes (user_id);
    `);
  }
}
