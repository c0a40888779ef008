import type { MikroORM } from '@mikro-orm/postgresql';

const DAY = 24 * 3_600_000;

export interface RetentionSettings {
  /** WEBHOOK_LOG_RETENTION_DAYS: received webhooks and delivery attempts older than this go. */
  days: number;
  /** WEBHOOK_KEEP_PER_SOURCE: the newest this many received webhooks of each source stay. */
  keepPerSource: number;
  /** WEBHOOK_KEEP_PER_ENDPOINT: the newest this many attempts of each endpoint stay. */
  keepPerEndpoint: number;
}

/** Per table: the column rows are grouped by, and how many of each group's newest stay. */
const TABLES = [
  { table: 'inbound_webhooks', group: 'source_id', keep: 'keepPerSource' },
  { table: 'webhook_attempts', group: 'endpoint_id', keep: 'keepPerEndpoint' },
] as const;

/**
 * Keeps the stored webhooks and the delivery log bounded: by age, and by count per source or endpoint
 * (a busy endpoint cannot fill the table inside the age limit). Each statement uses the
 * `(group, created_at desc, id desc)` index both tables have.
 */
export class RetentionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly settings: RetentionSettings,
  ) {}

  /** Deletes what is past the limits; returns the rows deleted per table. */
  async run(now = Date.now()): Promise<Record<string, number>> {
    const cutoff = new Date(now - this.settings.days * DAY);
    const em = this.orm.em.fork();
    const deleted: Record<string, number> = {};
    for (const { table, group, keep } of TABLES) {
      const old = await em.execute<{ n: number }[]>(
        `with gone as (delete from ${table} where created_at < ? returning 1) select count(*)::int as n from gone`,
        [cutoff],
      );
      const extra = await em.execute<{ n: number }[]>(
        `with ranked as (
           select id, row_number() over (partition by ${group} order by created_at desc, id desc) as n from ${table}
         ), gone as (
           delete from ${table} t using ranked r where t.id = r.id and r.n > ? returning 1
         ) select count(*)::int as n from gone`,
        [this.settings[keep]],
      );
      deleted[table] = (old[0]?.n ?? 0) + (extra[0]?.n ?? 0);
    }
    return deleted;
  }
}
