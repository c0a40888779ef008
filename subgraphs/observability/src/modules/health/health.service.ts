import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Sql } from '../../sql.js';
import { type Check, type HealthOptions, probeAll } from './health.probes.js';
import {
  type ComponentHealth,
  ComponentKind,
  ComponentStatus,
  type HealthSample,
  type SystemHealth,
  SystemStatus,
} from './health.types.js';

export type { Check, HealthOptions };

/** How many probes of each component `systemHealth` keeps at hand for `history`. */
export const HISTORY_POINTS = 360;
const RECHECK_DOWN_MS = 2_000;

const INSERT = `
insert into health_checks (time, component, kind, status, latency_ms, version, error, detail)
select time, component, kind, status, "latencyMs", version, error, detail
from jsonb_to_recordset($1::jsonb) as x(time timestamptz, component text, kind text, status text,
  "latencyMs" int, version text, error text, detail text)`;

const LATEST = `
select distinct on (component) time, component, kind, status, latency_ms as "latencyMs", version, error, detail
from health_checks where time > $1 order by component, time desc`;

const UPTIME = `
select component, avg((status = 'UP')::int)::float8 as uptime
from health_checks where time > $1 group by component`;

const HISTORY = `
select c.component, h.time, h.status, h.latency_ms as "latencyMs"
from unnest($1::text[]) as c(component)
cross join lateral (
  select time, status, latency_ms from health_checks
  where component = c.component order by time desc limit $2
) h`;

/**
 * Probes every service's /ready, the database, Redis and the queue, keeps each round in
 * `health_checks` (the history behind uptime), and answers `systemHealth` from the latest round
 * while it is fresh, so many dashboards polling cost no extra probes.
 */
export class HealthService {
  private probing: Promise<Check[]> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly sql: Sql,
    private readonly redis: Redis,
    private readonly options: HealthOptions,
  ) {}

  /** One round; callers arriving while one runs share it. */
  probeAndRecord(): Promise<Check[]> {
    this.probing ??= this.probe()
      .then(async (checks) => {
        await this.sql.query(INSERT, [JSON.stringify(checks)]);
        return checks;
      })
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  async current(): Promise<SystemHealth> {
    const since = new Date(Date.now() - this.options.intervalMs * 2);
    let latest = await this.sql.query<Check>(LATEST, [since]);
    // A component seen down is probed again on demand (at most every RECHECK_DOWN_MS), so a service
    // that came up after the last round — as at start-up — does not stay "down" for a whole interval.
    const staleDown = latest.some(
      (c) => c.status !== 'UP' && Date.now() - new Date(c.time).getTime() > RECHECK_DOWN_MS,
    );
    if (latest.length < this.options.targets.length + 3 || staleDown) latest = await this.probeAndRecord();
    const names = latest.map((c) => c.component);
    const [uptimes, history] = await Promise.all([
      this.sql.query<{ component: string; uptime: number }>(UPTIME, [
        new Date(Date.now() - this.options.historyHours * 3_600_000),
      ]),
      this.sql.query<HealthSample & { component: string }>(HISTORY, [names, HISTORY_POINTS]),
    ]);
    const uptime = new Map(uptimes.map((u) => [u.component, u.uptime]));
    const components: ComponentHealth[] = latest.map((c) => ({
      name: c.component,
      kind: c.kind,
      status: c.status,
      latencyMs: c.latencyMs,
      version: c.version,
      error: c.error,
      detail: c.detail,
      checkedAt: new Date(c.time),
      uptime: uptime.get(c.component) ?? (c.status === ComponentStatus.UP ? 1 : 0),
      // The ORM's pool hands timestamps back as text.
      samples: history
        .filter((h) => h.component === c.component)
        .map((h) => ({ time: new Date(h.time), status: h.status, latencyMs: h.latencyMs })),
    }));
    components.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
    return {
      status: overall(components),
      checkedAt: new Date(Math.max(...components.map((c) => c.checkedAt.getTime()))),
      components,
    };
  }

  probe(): Promise<Check[]> {
    return probeAll(this.options, this.orm, this.redis);
  }
}

const ORDER = [
  ComponentKind.DATABASE,
  ComponentKind.REDIS,
  ComponentKind.QUEUE,
  ComponentKind.SERVICE,
  ComponentKind.WORKER,
];
const order = (c: ComponentHealth) => ORDER.indexOf(c.kind);

function overall(components: ComponentHealth[]): SystemStatus {
  const down = components.filter((c) => c.status === ComponentStatus.DOWN);
  if (down.some((c) => c.kind === ComponentKind.DATABASE || c.kind === ComponentKind.REDIS))
    return SystemStatus.UNHEALTHY;
  return down.length ? SystemStatus.DEGRADED : SystemStatus.HEALTHY;
}
