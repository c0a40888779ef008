import { Errors, parseInput, RedisUnavailable, type Sql, tryRedis } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { LatestSample } from '../alert/alert-conditions.js';
import type { Live } from '../live/live.js';
import { seriesSchema } from './metric.schema.js';
import type { MetricPoint, MetricsSnapshot } from './metric.types.js';
import { snapshotRows } from './metric-names.js';

export const METRICS_TICK = 'metrics.tick';
const LATEST_KEY = 'metrics:latest';
/** A chart wider than this is unreadable anyway, and the query would be needlessly big. */
const MAX_POINTS = 1_000;
const NICE_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

export interface SeriesQuery {
  name: string;
  service?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Seconds per point. */
  step?: number | null;
}

export interface MetricRetention {
  rawHours: number;
  rollupDays: number;
  scrapeIntervalMs: number;
}

const INSERT = `
insert into metric_samples (time, service, name, value)
select $1::timestamptz, s, n, v from unnest($2::text[], $3::text[], $4::float8[]) as x(s, n, v)`;

/** Recomputes whole minutes from the raw samples, so running it again (or on two instances) is harmless. */
const ROLLUP = `
insert into metric_rollups (bucket, service, name, count, sum, min, max)
select date_trunc('minute', time), service, name, count(*), sum(value), min(value), max(value)
from metric_samples where time >= $1::timestamptz
group by 1, 2, 3
on conflict (name, service, bucket) do update
set count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max`;

const RAW_SERIES = `
select date_bin($1::interval, time, $2::timestamptz) as time, service,
  avg(value) as value, min(value) as min, max(value) as max
from metric_samples
where name = $3 and time >= $2::timestamptz and time < $4::timestamptz and ($5::text is null or service = $5)
group by 1, 2 order by 1, 2`;

const ROLLUP_SERIES = `
select date_bin($1::interval, bucket, $2::timestamptz) as time, service,
  sum(sum) / sum(count) as value, min(min) as min, max(max) as max
from metric_rollups
where name = $3 and bucket >= date_trunc('minute', $2::timestamptz) and bucket < $4::timestamptz
  and ($5::text is null or service = $5)
group by 1, 2 order by 1, 2`;

/** Each (service, series)'s newest sample since a time: what alert rules compare. */
const LATEST = `
select distinct on (service, name) service, name, value from metric_samples
where name = any($1::text[]) and time >= $2::timestamptz
order by service, name, time desc`;

export class MetricService {
  /** The newest snapshot this instance stored or read: the answer while Redis is away. */
  private lastSeen: MetricsSnapshot | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly redis: Redis,
    private readonly live: Live,
    private readonly retention: MetricRetention,
  ) {}

  /** Stores a snapshot's samples, refreshes the minutes it touches, and tells subscribers. */
  async record(snapshot: MetricsSnapshot): Promise<number> {
    const rows = snapshotRows(snapshot);
    await this.sql.query(INSERT, [
      snapshot.time,
      rows.map((r) => r.service),
      rows.map((r) => r.name),
      rows.map((r) => r.value),
    ]);
    const minute = Math.floor(snapshot.time.getTime() / 60_000) * 60_000;
    // The previous minute too: its last samples may have landed after its last rollup.
    await this.sql.query(ROLLUP, [new Date(minute - 60_000)]);
    const ttl = Math.max(60_000, this.retention.scrapeIntervalMs * 10);
    this.lastSeen = snapshot;
    await this.redis.set(LATEST_KEY, JSON.stringify(snapshot), 'PX', ttl);
    await this.live.publish(METRICS_TICK, snapshot);
    return rows.length;
  }

  /** The last snapshot any instance took, while it is recent. */
  async latest(): Promise<MetricsSnapshot | null> {
    try {
      const raw = await tryRedis(this.redis, () => this.redis.get(LATEST_KEY));
      this.lastSeen = raw ? reviveSnapshot(JSON.parse(raw)) : null;
    } catch (err) {
      // systemHealth reads this, and must answer while Redis is away: with the last snapshot seen here.
      if (!(err instanceof RedisUnavailable)) throw err;
    }
    return this.lastSeen;
  }

  async latestSamples(names: string[], since: Date): Promise<LatestSample[]> {
    if (!names.length) return [];
    const rows = await this.sql.query<LatestSample>(LATEST, [names, since]);
    return rows.map((r) => ({ service: r.service, name: r.name, value: Number(r.value) }));
  }

  /** Steps under a minute read the raw samples, longer ones the 1-minute rollups. */
  async series(args: SeriesQuery): Promise<MetricPoint[]> {
    const q = parseInput(seriesSchema, args);
    const { from, to, step } = this.range(q);
    const sql = step < 60 ? RAW_SERIES : ROLLUP_SERIES;
    const rows = await this.sql.query<{
      time: Date;
      service: string;
      value: number;
      min: number;
      max: number;
    }>(sql, [`${step} seconds`, from, q.name, to, q.service ?? null]);
    // The ORM's pool hands timestamps back as text.
    return rows.map((r) => ({
      time: new Date(r.time),
      service: r.service,
      value: Number(r.value),
      min: Number(r.min),
      max: Number(r.max),
    }));
  }

  private range(q: SeriesQuery): { from: Date; to: Date; step: number } {
    const now = Date.now();
    const to = q.to ?? new Date(now);
    const from = q.from ?? new Date(to.getTime() - 3_600_000);
    const span = (to.getTime() - from.getTime()) / 1000;
    const rawSince = now - this.retention.rawHours * 3_600_000;
    if (span <= 0) throw Errors.badInput('from', 'from must be before to');
    if (from.getTime() > now) throw Errors.badInput('from', 'from is in the future');
    if (span > this.retention.rollupDays * 86_400)
      throw Errors.badInput('from', `The range is longer than the ${this.retention.rollupDays} days kept`);
    if (q.step !== undefined && q.step !== null) {
      if (span / q.step > MAX_POINTS)
        throw Errors.badInput(
          'step',
          `That step gives ${Math.ceil(span / q.step)} points; at most ${MAX_POINTS}`,
        );
      if (q.step < 60 && from.getTime() < rawSince)
        throw Errors.badInput(
          'step',
          `Steps under 60 s reach back ${this.retention.rawHours} h; use 60 or more`,
        );
      return { from, to, step: q.step };
    }
    // About 300 points, never finer than the scrape interval, minutes once raw samples are gone.
    const floor = Math.max(
      this.retention.scrapeIntervalMs / 1000,
      span / 300,
      from.getTime() < rawSince ? 60 : 1,
    );
    const step = NICE_STEPS.find((s) => s >= floor) ?? 86_400;
    return { from, to, step };
  }
}

export function reviveSnapshot(raw: MetricsSnapshot): MetricsSnapshot {
  const last = raw.backup?.lastSuccessAt;
  return {
    ...raw,
    time: new Date(raw.time),
    ...(raw.backup ? { backup: { ...raw.backup, lastSuccessAt: last ? new Date(last) : null } } : {}),
  };
}
