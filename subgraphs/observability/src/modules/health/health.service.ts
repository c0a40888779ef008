import type { MikroORM } from '@mikro-orm/postgresql';
import { parseInput, type Sql } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { BackupSample } from '../metric/metric.types.js';
import { backupHealth } from './backup-health.js';
import { ComponentKind, ComponentStatus, SystemStatus } from './health.enums.js';
import { historyLast } from './health.schema.js';
import type { ComponentHealth, HealthSample, SystemHealth } from './health.types.js';
import { HealthMemory, HISTORY_POINTS } from './health-memory.js';
import { type Check, type HealthOptions, probeAll } from './probes.js';

export type { Check, HealthOptions };

export interface BackupWatch {
  /** BACKUP_MAX_AGE_HOURS. */
  maxAgeHours: number;
  /** The tasks service's backup gauges at the latest scrape (null: not read yet). */
  latest(): Promise<BackupSample | null>;
}

export { HISTORY_POINTS };

const RECHECK_DOWN_MS = 2_000;
/** How long after its first probe a component may still be starting (see UPTIME). */
export const STARTUP_GRACE_MS = 120_000;

const INSERT = `
insert into health_checks (time, component, kind, status, latency_ms, version, error, detail)
select time, component, kind, status, "latencyMs", version, error, detail
from jsonb_to_recordset($1::jsonb) as x(time timestamptz, component text, kind text, status text,
  "latencyMs" int, version text, error text, detail text)`;

const LATEST = `
select distinct on (component) time, component, kind, status, latency_ms as "latencyMs", version, error, detail
from health_checks where time > $1 order by component, time desc`;

/**
 * The share of probes that found a component up since `$1`. Probes that found it down before it
 * first came up, within STARTUP_GRACE_MS of its first probe ever, are left out: that is the platform
 * starting (observability probes before the others listen), not an outage, and counting them made a
 * fresh start read 87.5%. A component that never came up still reads 0.
 */
const UPTIME = `
with firsts as (
  select component, min(time) as first_probe, min(time) filter (where status = 'UP') as first_up
  from health_checks group by component
)
select h.component, avg((h.status = 'UP')::int)::float8 as uptime
from health_checks h join firsts f on f.component = h.component
where h.time > $1
  and not (h.time < f.first_up and h.time < f.first_probe + make_interval(secs => $2 / 1000.0))
group by h.component`;

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
 * while it is fresh, so many dashboards polling cost no extra probes. While the database is away it
 * answers from the rounds it keeps in memory (database DOWN) and writes them once it is back.
 */
export class HealthService {
  private probing: Promise<Check[]> | undefined;
  private readonly memory = new HealthMemory(STARTUP_GRACE_MS);
  private redisLost = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly sql: Sql,
    private readonly redis: Redis,
    private readonly options: HealthOptions,
    private readonly backups?: BackupWatch,
  ) {
    // A Redis blip shorter than the probe interval would fall between two rounds: the connection's
    // own events record it (ioredis says 'reconnecting' only for a connection it lost).
    redis.on('reconnecting', () => {
      if (this.redisLost) return;
      this.redisLost = true;
      void this.record([connectionLost('redis', ComponentKind.REDIS)]);
    });
    redis.on('ready', () => {
      if (!this.redisLost) return;
      this.redisLost = false;
      void this.probeAndRecord();
    });
  }

  /**
   * The database watch saw its connection drop: recorded at once (and written once the database is
   * back), so a restart shorter than the probe interval still shows in the history.
   */
  databaseLost(): void {
    void this.record([connectionLost('database', ComponentKind.DATABASE)]);
  }

  /** Connected again: a fresh round records the recovery. */
  databaseBack(): void {
    void this.probeAndRecord().catch(() => undefined);
  }

  /** One round; callers arriving while one runs share it. */
  probeAndRecord(): Promise<Check[]> {
    this.probing ??= this.probe()
      .then(async (checks) => {
        await this.record(checks);
        return checks;
      })
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  async current(): Promise<SystemHealth> {
    let health: SystemHealth;
    try {
      health = await this.fromDatabase();
    } catch (err) {
      health = await this.fromMemory(err as Error);
    }
    return this.withBackup(health);
  }

  /** A scheduled platform without a good backup younger than BACKUP_MAX_AGE_HOURS is degraded. */
  private async withBackup(health: SystemHealth): Promise<SystemHealth> {
    const sample = await this.backups?.latest().catch(() => null);
    if (!sample || !this.backups) return health;
    const backup = backupHealth(sample, this.backups.maxAgeHours);
    const status =
      backup.overdue && health.status === SystemStatus.HEALTHY ? SystemStatus.DEGRADED : health.status;
    return { ...health, status, backup };
  }

  /** The latest `last` probes of a component, newest first. */
  history(component: ComponentHealth, last: number): HealthSample[] {
    return component.samples.slice(0, parseInput(historyLast, last, 'last'));
  }

  probe(): Promise<Check[]> {
    return probeAll(this.options, this.orm, this.redis);
  }

  /** Keeps the checks in memory and writes them (with any a database outage held back). */
  private async record(checks: Check[]): Promise<void> {
    this.memory.remember(checks);
    // The round itself shows the database down; its rows wait for the next write.
    await this.flush().catch(() => undefined);
  }

  /** Writes what memory holds back; on failure it stays held. */
  private async flush(): Promise<void> {
    const rows = this.memory.takeUnsaved();
    if (!rows.length) return;
    try {
      await this.read(INSERT, [JSON.stringify(rows)]);
    } catch (err) {
      this.memory.putBack(rows);
      throw err;
    }
  }

  private async fromDatabase(): Promise<SystemHealth> {
    // Rows held back during an outage go in first, so the history read below includes it.
    await this.flush();
    const since = new Date(Date.now() - this.options.intervalMs * 2);
    let latest = await this.read<Check>(LATEST, [since]);
    if (this.needsProbe(latest)) latest = await this.probeAndRecord();
    const names = latest.map((c) => c.component);
    const [uptimes, history] = await Promise.all([
      this.read<{ component: string; uptime: number }>(UPTIME, [
        new Date(Date.now() - this.options.historyHours * 3_600_000),
        STARTUP_GRACE_MS,
      ]),
      this.read<HealthSample & { component: string }>(HISTORY, [names, HISTORY_POINTS]),
    ]);
    const uptime = new Map(uptimes.map((u) => [u.component, u.uptime]));
    return assemble(latest, {
      uptime: (name) => uptime.get(name),
      // The ORM's pool hands timestamps back as text.
      history: (name) =>
        history
          .filter((h) => h.component === name)
          .map((h) => ({ time: new Date(h.time), status: h.status, latencyMs: h.latencyMs })),
    });
  }

  /** What this instance saw itself, with the database down: its history could not be read. */
  private async fromMemory(reason: Error): Promise<SystemHealth> {
    let latest = this.memory.latest();
    const stale = latest.some((c) => Date.now() - c.time.getTime() > this.options.intervalMs * 2);
    if (stale || this.needsProbe(latest)) latest = await this.probeAndRecord();
    const database = latest.find((c) => c.kind === ComponentKind.DATABASE);
    if (database?.status === ComponentStatus.UP) {
      // Its probe passed a moment ago, but our own reads fail: that is the database down too, and it
      // is recorded (written once the database is back) so the outage shows in the history.
      const down = {
        ...database,
        status: ComponentStatus.DOWN,
        error: `health history unreadable: ${reason.message.slice(0, 200)}`,
        time: new Date(),
      };
      await this.record([down]);
      latest = latest.map((c) => (c === database ? down : c));
    }
    return assemble(latest, {
      uptime: (name) => this.memory.uptime(name),
      history: (name) => this.memory.history(name),
    });
  }

  /**
   * Too few components, or one seen down a while ago: probe again on demand (at most every
   * RECHECK_DOWN_MS), so a service that came up after the last round, as at start-up, does not stay
   * "down" for a whole interval.
   */
  private needsProbe(latest: Check[]): boolean {
    const expected = this.options.targets.length + (this.options.external?.length ?? 0) + 3;
    if (latest.length < expected) return true;
    return latest.some((c) => c.status !== 'UP' && Date.now() - new Date(c.time).getTime() > RECHECK_DOWN_MS);
  }

  /** A query bounded by the probe timeout: a database that hangs must not hang `systemHealth`. */
  private async read<T>(text: string, params: unknown[]): Promise<T[]> {
    let timer: NodeJS.Timeout | undefined;
    const query = this.sql.query<T>(text, params);
    query.catch(() => undefined);
    try {
      return await Promise.race([
        query,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${this.options.timeoutMs} ms`)),
            this.options.timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const connectionLost = (component: string, kind: ComponentKind): Check => ({
  component,
  kind,
  status: ComponentStatus.DOWN,
  latencyMs: 0,
  version: null,
  error: 'connection lost',
  detail: null,
  time: new Date(),
});

interface Past {
  uptime(name: string): number | undefined;
  history(name: string): HealthSample[];
}

function assemble(latest: Check[], past: Past): SystemHealth {
  const components: ComponentHealth[] = latest.map((c) => ({
    name: c.component,
    kind: c.kind,
    status: c.status,
    latencyMs: c.latencyMs,
    version: c.version,
    error: c.error,
    detail: c.detail,
    checkedAt: new Date(c.time),
    uptime: past.uptime(c.component) ?? (c.status === ComponentStatus.UP ? 1 : 0),
    samples: past.history(c.component),
  }));
  components.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  return {
    status: overall(components),
    checkedAt: new Date(Math.max(...components.map((c) => c.checkedAt.getTime()))),
    components,
    backup: null,
  };
}

const ORDER = [
  ComponentKind.DATABASE,
  ComponentKind.REDIS,
  ComponentKind.QUEUE,
  ComponentKind.SERVICE,
  ComponentKind.WORKER,
  ComponentKind.EXTERNAL,
];
const order = (c: ComponentHealth) => ORDER.indexOf(c.kind);

function overall(components: ComponentHealth[]): SystemStatus {
  const down = components.filter((c) => c.status === ComponentStatus.DOWN);
  if (down.some((c) => c.kind === ComponentKind.DATABASE || c.kind === ComponentKind.REDIS))
    return SystemStatus.UNHEALTHY;
  return down.length ? SystemStatus.DEGRADED : SystemStatus.HEALTHY;
}
