import { Migration } from '@mikro-orm/migrations';

/**
 * Occurrences of each error group per hour, and each user's share of them: the sparkline of the
 * Errors page, counted server-side as lines are stored (the group's own `count` is all time).
 */
export class ErrorCounts20261225 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table error_counts (
        fingerprint varchar(64) not null references error_tracking (fingerprint) on delete cascade,
        -- '' for occurrences of no user's request, so the key needs no nullable column.
        user_id varchar(64) not null,
        bucket timestamptz not null,
        count integer not null,
        primary key (fingerprint, bucket, user_id)
      );
      create index error_counts_bucket_idx on error_counts (bucket);
    `);
  }
}
