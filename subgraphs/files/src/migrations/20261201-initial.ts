import { Migration } from '@mikro-orm/migrations';

export class InitialFiles20261201 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table files (
        id uuid primary key,
        owner_id uuid not null,
        channel_id uuid null,
        filename varchar(255) not null,
        content_type varchar(127) not null,
        size bigint not null check (size > 0),
        sha256 varchar(64) null,
        status varchar(16) not null default 'PENDING' check (status in ('PENDING', 'UPLOADING', 'READY')),
        upload_expires_at timestamptz not null,
        lease_at timestamptz null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (status <> 'READY' or sha256 is not null)
      );
      create index files_owner_created_idx on files (owner_id, created_at desc, id desc);
      create index files_channel_created_idx on files (channel_id, created_at desc, id desc) where channel_id is not null;
      create index files_sha256_idx on files (sha256) where sha256 is not null;
      create index files_unfinished_idx on files (status, upload_expires_at) where status <> 'READY';

      create table avatars (
        user_id uuid primary key,
        file_id uuid not null references files (id) on delete cascade,
        updated_at timestamptz not null default now()
      );
      create index avatars_file_id_idx on avatars (file_id);
    `);
  }
}
