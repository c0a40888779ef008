import { type CheckResult, isServing, type Redis, readHaproxyStats, runCheck, TasksClient } from '@trae/kit';
import type { Request, Response } from 'express';
import type pg from 'pg';
import type { SubgraphEndpoint } from '../federation/supergraph.js';

export interface SystemHealth {
  status: 'healthy' | 'degraded' | 'unhealthy';
  timestamp: string;
  version: string;
  services: Record<string, CheckResult>;
}

/** What a round also learnt beside the contract's shape: each subgraph's version (for discovery). */
export interface HealthReport {
  health: SystemHealth;
  versions: Readonly<Record<string, string>>;
}

export interface HealthOptions {
  version: string;
  redis: Redis;
  pool: pg.Pool;
  subgraphs: readonly SubgraphEndpoint[];
  /** INTERNAL_SECRET, for the tasks service's `/internal/agents/health` (the `agents` entry). */
  internalSecret: string;
  /** HAProxy's `/stats;csv` (HAPROXY_STATS_URL): adds the `balancer` entry, down while an instance is. */
  balancerStatsUrl?: string;
  /** @default 2000 */
  cacheMs: number;
}

const PROBE_TIMEOUT_MS = 2_000;
type Probe = [name: string, check: () => Promise<unknown>];

/** Resolves with the version the service's `/ready` states (every kit service states one). */
async function probeReady(baseUrl: string): Promise<string | undefined> {
  const res = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  const body = (await res.json().catch(() => ({}))) as { version?: unknown };
  if (!res.ok) throw new Error(`ready answered HTTP ${res.status}`);
  return typeof body.version === 'string' ? body.version.slice(0, 64) : undefined;
}

/** The agent workers answer through the tasks service, which sees their heartbeats. */
async function probeAgents(tasks: TasksClient): Promise<void> {
  const body = await tasks.agentsHealth();
  if (body.status !== 'up')
    throw new Error(`agents ${body.status} (${body.reason ?? `${body.workers} workers`})`);
}

/**
 * Through a load balancer every probe above reaches a live instance, so one dead instance of N would
 * go unseen. HAProxy's own checks see each one: any server out of rotation fails this entry by name.
 */
async function probeBalancer(statsUrl: string): Promise<void> {
  const out = (await readHaproxyStats(statsUrl, PROBE_TIMEOUT_MS)).filter((s) => !isServing(s));
  if (out.length) throw new Error(`out of rotation: ${out.map((s) => `${s.server} ${s.status}`).join(', ')}`);
}

/**
 * The platform's health as CONTRACT.md defines it. Without the database or Redis nothing works
 * (unhealthy, 503); a subgraph down only takes its part of the graph away (degraded, 200), and so
 * does one instance down behind the balancer.
 * The result is shared for `cacheMs`, so polling /health cannot multiply into probe storms.
 */
export function createHealthCheck(options: HealthOptions) {
  let cached: { result: Promise<HealthReport>; doneAt?: number } | undefined;

  async function measure(): Promise<HealthReport> {
    const stats = options.balancerStatsUrl;
    const versions: Record<string, string> = {};
    const ready = async (s: SubgraphEndpoint) => {
      const version = await probeReady(s.baseUrl);
      if (version) versions[s.name] = version;
    };
    const checks: Probe[] = [
      ['database', () => options.pool.query('select 1')],
      ['redis', () => options.redis.ping()],
      ...options.subgraphs.map((s): Probe => [s.name, () => ready(s)]),
      ...options.subgraphs
        .filter((s) => s.name === 'tasks')
        .map(
          (s): Probe => [
            'agents',
            () => probeAgents(new TasksClient(s.baseUrl, options.internalSecret, PROBE_TIMEOUT_MS)),
          ],
        ),
      ...(stats ? [['balancer', () => probeBalancer(stats)] satisfies Probe] : []),
    ];
    const results = await Promise.all(checks.map(([, check]) => runCheck(check, PROBE_TIMEOUT_MS)));
    const services = Object.fromEntries(checks.map(([name], i) => [name, results[i]]));
    const core = services.database.status === 'up' && services.redis.status === 'up';
    const all = results.every((r) => r.status === 'up');
    const health: SystemHealth = {
      status: !core ? 'unhealthy' : all ? 'healthy' : 'degraded',
      timestamp: new Date().toISOString(),
      version: options.version,
      services,
    };
    return { health, versions };
  }

  /** Callers arriving while a probe runs share it; a finished result is reused for `cacheMs`. */
  function report(): Promise<HealthReport> {
    if (cached && (cached.doneAt === undefined || Date.now() - cached.doneAt < options.cacheMs)) {
      return cached.result;
    }
    const entry: NonNullable<typeof cached> = { result: measure() };
    void entry.result.then(() => {
      entry.doneAt = Date.now();
    });
    cached = entry;
    return entry.result;
  }

  const check = async (): Promise<SystemHealth> => (await report()).health;

  async function handler(_req: Request, res: Response) {
    const health = await check();
    res.setHeader('cache-control', 'no-store');
    res.status(health.status === 'unhealthy' ? 503 : 200).json(health);
  }

  return { check, report, handler };
}
