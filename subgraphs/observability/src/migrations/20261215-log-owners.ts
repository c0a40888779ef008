import { Migration } from '@mikro-orm/migrations';

/** Who may read a line or an error is decided on whose request it came from (see modules/access/log-access.ts). */
export class LogOwners20261215 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- The verified caller whose request logged the line; null for lines of no user's request.
      alter table log_entries add column user_id varchar(64) null;
      -- A user's own lines, newest first, in the order the logs query pages.
      create index log_entries_user_time_idx on log_entries (user_id, time desc, id desc)
        where user_id is not null;

      -- Each user's share of an error group: their occurrences and their latest sample, so a user
      -- sees a group as their own requests hit it, never another user's message, stack or context
      -- (a stack's first line repeats the message).
      create table error_group_users (
        fingerprint varchar(64) not null references error_tracking (fingerprint) on delete cascade,
        user_id varchar(64) not null,
        count integer not null,
        first_seen_at timestamptz not null,
        last_seen_at timestamptz not null,
        error_message text not null,
        stack_trace text not null,
        context jsonb not null,
        primary key (fingerprint, user_id)
      );
      create index error_group_users_user_last_seen_idx on error_group_users (user_id, last_seen_at desc);
    `);
  }
}
