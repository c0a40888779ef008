import { Migration } from '@mikro-orm/migrations';

/**
 * The seed's `task_queue` and `agent_personas` (same column names where the seed has them), plus what a
 * real queue needs. Times are millisecond precision so keyset cursors (JavaScript dates) match rows exactly.
 */
export class InitialTasks20261128 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agent_personas (
        id uuid primary key,
        name varchar(100) not null unique,
        description text null,
        runtime varchar(32) not null,
        capabilities jsonb not null default '[]',
        configuration jsonb not null default '{}',
        status varchar(20) not null default 'ACTIVE' check (status in ('ACTIVE', 'PAUSED')),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now()
      );

      create table task_queue (
        id uuid primary key,
        task_type varchar(50) not null,
        task_data jsonb not null default '{}',
        status varchar(20) not null default 'PENDING'
          check (status in ('PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
        priority integer not null default 0,
        created_at timestamptz(3) not null default now(),
        started_at timestamptz(3) null,
        completed_at timestamptz(3) null,
        error_message text null,
        agent varchar(100) not null,
        progress smallint not null default 0,
        progress_message text null,
        result jsonb null,
        attempts integer not null default 0,
        max_attempts integer not null default 3,
        idempotency_key varchar(200) null,
        run_at timestamptz(3) null,
        schedule varchar(120) null,
        parent_id uuid null references task_queue (id) on delete cascade,
        channel_id uuid null,
        created_by uuid null,
        created_by_role varchar(16) null,
        job_id varchar(120) null,
        enqueued_at timestamptz(3) null,
        updated_at timestamptz(3) not null default now()
      );
      -- Every status change rewrites index entries, so sparse columns get partial indexes (most tasks
      -- have no key, channel or parent), and progress updates touch no indexed column (HOT updates).
      create unique index task_queue_idempotency_key on task_queue (idempotency_key) where idempotency_key is not null;
      create index task_queue_created_idx on task_queue (created_at desc, id desc);
      create index task_queue_owner_idx on task_queue (created_by, created_at desc, id desc);
      create index task_queue_channel_idx on task_queue (channel_id, created_at desc, id desc) where channel_id is not null;
      create index task_queue_agent_status_idx on task_queue (agent, status);
      create index task_queue_parent_idx on task_queue (parent_id) where parent_id is not null;
      create index task_queue_unenqueued_idx on task_queue (id)
        where enqueued_at is null and status in ('PENDING', 'QUEUED');
      create index task_queue_running_idx on task_queue (agent) where status = 'RUNNING';
      create index task_queue_finished_idx on task_queue (completed_at)
        where status in ('SUCCEEDED', 'FAILED', 'CANCELLED');

      create table task_logs (
        id bigserial primary key,
        task_id uuid not null references task_queue (id) on delete cascade,
        level varchar(8) not null check (level in ('DEBUG', 'INFO', 'WARN', 'ERROR')),
        message text not null,
        data jsonb null,
        created_at timestamptz(3) not null default now()
      );
      create index task_logs_task_idx on task_logs (task_id, id);
      create index task_logs_created_idx on task_logs (created_at);
    `);
  }
}
