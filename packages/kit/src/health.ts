import type { Express, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics.js';
import { runtime } from './runtime.js';

export type CheckResult = { status: 'up' | 'down'; latencyMs: number; error?: string };
export type Check = () => Promise<unknown>;

export async function runCheck(check: Check, timeoutMs = 2_000): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: (err as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthInfo {
  service: string;
  version: string;
  startedAt: Date;
}

/** What both probes say about the process itself. */
const about = (info: HealthInfo) => ({
  service: info.service,
  version: info.version,
  runtime: runtime(),
  uptimeSeconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),
});

/** Liveness: the process answers. Never touches dependencies, so a slow database cannot get us killed. */
export function healthHandler(info: HealthInfo) {
  return (_req: Request, res: Response) => {
    res.json({ status: 'ok', ...about(info) });
  };
}

/** Readiness: every dependency answers. 503 takes the instance out of a load balancer's rotation. */
export function readyHandler(info: HealthInfo, checks: Record<string, Check>, isDraining: () => boolean) {
  return async (_req: Request, res: Response) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((n) => runCheck(checks[n])));
    const details = Object.fromEntries(names.map((n, i) => [n, results[i]]));
    const ready = !isDraining() && results.every((r) => r.status === 'up');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unready', ...about(info), checks: details });
  };
}

/**
 * `/health/external`: the services outside the platform this process depends on (S3, a mail server),
 * checked when asked (observability asks each health round). They are never part of `/ready`: without
 * them the platform runs degraded, and a balancer must not take every instance out for their outage.
 * Always 200; each check says up or down, with a reason that names no host or credential.
 */
export function externalHandler(checks: Record<string, Check>, timeoutMs = 3_000) {
  const names = Object.keys(checks);
  // Requests that arrive while a round is under way share it: a flood of them opens one SMTP
  // connection (one HeadBucket), not one each.
  let round: Promise<Record<string, CheckResult>> | null = null;
  const check = () => {
    round ??= Promise.all(names.map((n) => runCheck(checks[n], timeoutMs)))
      .then((results) => Object.fromEntries(names.map((n, i) => [n, results[i]])))
      .finally(() => {
        round = null;
      });
    return round;
  };
  return async (_req: Request, res: Response) => {
    const results = await check();
    res.setHeader('cache-control', 'no-store');
    res.json({ checks: results });
  };
}

export interface ProbeOptions {
  info: HealthInfo;
  /** The dependencies `/ready` asks, by name. */
  checks: Record<string, Check>;
  /** Outside services, by integration name (`s3`, `smtp`); given, `/health/external` lists them. */
  external?: Record<string, Check>;
  isDraining: () => boolean;
  metrics: Metrics;
  /** A `/health` that says more than liveness (the gateway's); the kit's by default. */
  health?: RequestHandler;
}

/**
 * `/health/live`, `/health`, `/ready` and `/metrics`, the same on every process a balancer, Kubernetes
 * or Prometheus watches. `/health/live` is the kit's liveness everywhere, even where `/health` says
 * more (the gateway's asks every service): a liveness probe must not restart a process for another's
 * outage.
 */
export function mountProbes(app: Express, options: ProbeOptions): void {
  app.get('/health/live', healthHandler(options.info));
  app.get('/health', options.health ?? healthHandler(options.info));
  app.get('/ready', readyHandler(options.info, options.checks, options.isDraining));
  // Only where a service has outside dependencies to list (never the public gateway by default).
  if (options.external) app.get('/health/external', externalHandler(options.external));
  app.get('/metrics', options.metrics.handler());
}
