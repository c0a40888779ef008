import type { Sql } from '@trae/kit';
import type { ObservabilityConfig } from '../../config.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rows per delete statement: small enough that ingestion never waits long on the table. */
const CHUNK = 10_000;

/** Deletes what has outlived its retention setting; returns the rows deleted per table. */
export class RetentionService {
  constructor(
    private readonly sql: Sql,
    private readonly config: Pick<
      ObservabilityConfig,
      | 'LOG_RETENTION_DAYS'
      | 'METRICS_RAW_RETENTION_HOURS'
      | 'METRICS_ROLLUP_RETENTION_DAYS'
      | 'HEALTH_RETENTION_HOURS'
      | 'ERROR_RETENTION_DAYS'
      | 'ALERT_RETENTION_DAYS'
    >,
  ) {}

  async run(now = Date.now()): Promise<Record<string, number>> {
    const c = this.config;
    return {
      log_entries: await this.chunked('log_entries', 'time', new Date(now - c.LOG_RETENTION_DAYS * DAY)),
      metric_samples: await this.chunked(
        'metric_samples',
        'time',
        new Date(now - c.METRICS_RAW_RETENTION_HOURS * HOUR),
      ),
      metric_rollups: await this.chunked(
        'metric_rollups',
        'bucket',
        new Date(now - c.METRICS_ROLLUP_RETENTION_DAYS * DAY),
      ),
      health_checks: await this.chunked(
        'health_checks',
        'time',
        new Date(now - c.HEALTH_RETENTION_HOURS * HOUR),
      ),
      // Open groups stay however old they are: someone still has to look at them.
      error_tracking: (
        await this.sql.query('delete from error_tracking where resolved and last_seen_at < $1 returning id', [
          new Date(now - c.ERROR_RETENTION_DAYS * DAY),
        ])
      ).length,
      // The sparklines' hours go with the retention even for an open group.
      error_counts: await this.chunked(
        'error_counts',
        'bucket',
        new Date(now - c.ERROR_RETENTION_DAYS * DAY),
      ),
      // Open alerts stay, like open error groups; silences go once they have been over as long.
      alerts: (
        await this.sql.query(
          `delete from alerts where status = 'RESOLVED' and resolved_at < $1 returning id`,
          [new Date(now - c.ALERT_RETENTION_DAYS * DAY)],
        )
      ).length,
      alert_silences: (
        await this.sql.query('delete from alert_silences where ends_at < $1 returning id', [
          new Date(now - c.ALERT_RETENTION_DAYS * DAY),
        ])
      ).length,
    };
  }

  private async chunked(table: string, column: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ n }] = await this.sql.query<{ n: number }>(
        `with gone as (delete from ${table} where ctid in
           (select ctid from ${table} where ${column} < $1 limit ${CHUNK}) returning 1)
         select count(*)::int as n from gone`,
        [before],
      );
      total += n;
      if (n < CHUNK) return total;
    }
  }
}
