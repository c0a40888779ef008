import { Migration } from '@mikro-orm/migrations';

export class InitialChannels20261127 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table channels (
        id uuid primary key,
        name varchar(100) not null,
        slug varchar(80) not null,
        platform varchar(16) not null check (platform in
          ('YOUTUBE', 'BLOG', 'NEWSLETTER', 'X', 'LINKEDIN', 'INSTAGRAM', 'TIKTOK', 'PODCAST', 'OTHER')),
        description text null,
        status varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'PAUSED', 'ARCHIVED')),
        status_before_archive varchar(16) null,
        settings jsonb not null default '{}',
        owner_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        archived_at timestamptz null
      );
      create unique index channels_slug_unique on channels (slug);
      create index channels_created_at_id_idx on channels (created_at desc, id desc);
      create index channels_owner_id_idx on channels (owner_id);

      create table channel_members (
        id uuid primary key,
        channel_id uuid not null references channels (id) on delete cascade,
        user_id uuid not null,
        role varchar(16) not null check (role in ('OWNER', 'EDITOR', 'VIEWER')),
        added_by uuid null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index channel_members_channel_id_user_id_unique on channel_members (channel_id, user_id);
      create index channel_members_user_id_idx on channel_members (user_id);
      create index channel_members_channel_created_idx on channel_members (channel_id, created_at desc, id desc);

      create table content_items (
        id uuid primary key,
        channel_id uuid not null references channels (id) on delete cascade,
        title varchar(200) not null,
        body text not null,
        kind varchar(16) not null check (kind in ('SCRIPT', 'POST', 'ARTICLE', 'OTHER')),
        status varchar(16) not null default 'DRAFT' check (status in ('DRAFT', 'APPROVED', 'PUBLISHED')),
        source_task_id varchar(64) null,
        created_by uuid null,
        approved_by uuid null,
        approved_at timestamptz null,
        published_at timestamptz null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index content_items_source_task_id_unique on content_items (source_task_id);
      create index content_items_channel_created_idx on content_items (channel_id, created_at desc, id desc);

      create table outbox (
        id bigserial primary key,
        stream varchar(64) not null,
        type varchar(64) not null,
        payload jsonb not null,
        created_at timestamptz not null default now()
      );
    `);
  }
}
