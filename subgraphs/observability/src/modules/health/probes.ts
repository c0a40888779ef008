import type { MikroORM } from '@mikro-orm/postgresql';
import { TasksClient, tryRedis } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { Target } from '../metric/scrape-targets.js';
import { mergeExternal, reportedExternal } from './external-reports.js';
import { ComponentKind, ComponentStatus } from './health.enums.js';

/**
 * A service outside the platform we depend on (Base44): its failure makes the platform DEGRADED,
 * never UNHEALTHY. `check` resolves with what to show, or rejects with why it is down.
 */
export interface ExternalProbe {
  name: string;
  check: () => Promise<{ version?: string | null; detail?: string }>;
}

export interface HealthOptions {
  targets: Target[];
  /** @default [] */
  external?: ExternalProbe[];
  tasksUrl: string;
  internalSecret: string;
  timeoutMs: number;
  intervalMs: number;
  historyHours: number;
}

export interface Check {
  component: string;
  kind: ComponentKind;
  status: ComponentStatus;
  latencyMs: number;
  version: string | null;
  error: string | null;
  detail: string | null;
  time: Date;
}

/**
 * Every service's /ready, the database, Redis, the queue and the external services (ours, and those
 * the services report at /health/external), in parallel, each within the timeout.
 */
export async function probeAll(options: HealthOptions, orm: MikroORM, redis: Redis): Promise<Check[]> {
  const { targets, timeoutMs, external = [] } = options;
  const [own, ours, reported] = await Promise.all([
    probePlatform(options, orm, redis),
    Promise.all(external.map((e) => timed(e.name, ComponentKind.EXTERNAL, timeoutMs, e.check))),
    reportedExternal(targets, timeoutMs),
  ]);
  return [...own, ...mergeExternal([...ours, ...reported])];
}

function probePlatform(options: HealthOptions, orm: MikroORM, redis: Redis): Promise<Check[]> {
  const { targets, tasksUrl, internalSecret, timeoutMs } = options;
  return Promise.all([
    ...targets.map((t) =>
      timed(t.name, t.kind === 'WORKER' ? ComponentKind.WORKER : ComponentKind.SERVICE, timeoutMs, () =>
        ready(t.url, timeoutMs),
      ),
    ),
    timed('database', ComponentKind.DATABASE, timeoutMs, async () => {
      const [row] = await orm.em
        .getConnection()
        .execute<{ v: string }[]>(`select current_setting('server_version') as v`);
      return { version: row.v.split(' ')[0] };
    }),
    timed('redis', ComponentKind.REDIS, timeoutMs, async () => {
      // At once when the connection is down, rather than after ioredis' offline retries.
      const info = await tryRedis(redis, () => redis.info('server'), timeoutMs);
      return { version: /redis_version:(\S+)/.exec(info)?.[1] ?? null };
    }),
    timed('queue', ComponentKind.QUEUE, timeoutMs, async () => {
      const agents = await new TasksClient(tasksUrl, internalSecret, timeoutMs).agentsHealth();
      const waiting = Object.values(agents.queues).reduce((n, q) => n + q.waiting + q.delayed, 0);
      const detail = `${agents.workers} worker${agents.workers === 1 ? '' : 's'}, ${waiting} waiting`;
      if (agents.status !== 'up') throw Object.assign(new Error(`agents are down (${detail})`), { detail });
      return { detail };
    }),
  ]);
}

async function ready(baseUrl: string, timeoutMs: number): Promise<{ version: string | null }> {
  const res = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await res.json().catch(() => ({}))) as {
    version?: string;
    checks?: Record<string, { status: string }>;
  };
  if (!res.ok) {
    const failing = Object.entries(body.checks ?? {}).filter(([, c]) => c.status !== 'up');
    throw new Error(
      failing.length
        ? `not ready: ${failing.map(([n]) => n).join(', ')} down`
        : `ready answered HTTP ${res.status}`,
    );
  }
  return { version: typeof body.version === 'string' ? body.version.slice(0, 64) : null };
}

async function timed(
  component: string,
  kind: ComponentKind,
  timeoutMs: number,
  check: () => Promise<{ version?: string | null; detail?: string }>,
): Promise<Check> {
  const started = performance.now();
  const time = new Date();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const latencyMs = Math.round(performance.now() - started);
    return {
      component,
      kind,
      status: ComponentStatus.UP,
      latencyMs,
      version: result.version ?? null,
      error: null,
      detail: result.detail ?? null,
      time,
    };
  } catch (err) {
    // fetch wraps the reason (ECONNREFUSED, a bad port) in `cause` behind a generic "fetch failed".
    const e = err as Error & { detail?: string; cause?: { code?: string; message?: string } };
    const error = e.cause?.code ?? e.cause?.message ?? e.message;
    const latencyMs = Math.round(performance.now() - started);
    return {
      component,
      kind,
      status: ComponentStatus.DOWN,
      latencyMs,
      version: null,
      error,
      detail: e.detail ?? null,
      time,
    };
  } finally {
    clearTimeout(timer);
  }
}
