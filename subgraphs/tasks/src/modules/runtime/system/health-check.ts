import type { z } from 'zod';
import type { AgentContext } from '../agent.js';
import type { SystemDeps } from './system.deps.js';
import type { healthCheckInput } from './system.schema.js';

export interface Probe {
  name: string;
  url: string;
  status: 'up' | 'down';
  httpStatus: number | null;
  latencyMs: number;
  error?: string;
}

async function probe(name: string, base: string, timeoutMs: number, signal: AbortSignal): Promise<Probe> {
  const url = `${base.replace(/\/+$/, '')}/ready`;
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    await res.body?.cancel();
    const latencyMs = Math.round(performance.now() - started);
    return {
      name,
      url,
      status: res.ok ? 'up' : 'down',
      httpStatus: res.status,
      latencyMs,
      ...(res.ok ? {} : { error: `HTTP ${res.status}` }),
    };
  } catch (err) {
    signal.throwIfAborted();
    const latencyMs = Math.round(performance.now() - started);
    const error =
      (err as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (((err as Error).cause as Error)?.message ?? (err as Error).message);
    return { name, url, status: 'down', httpStatus: null, latencyMs, error };
  }
}

/** Probes every service's /ready (and every live worker's) in parallel; the result is the record. */
export async function healthCheck(
  input: z.infer<typeof healthCheckInput>,
  deps: SystemDeps,
  ctx: AgentContext,
) {
  const wanted = new Set(input.services ?? [...Object.keys(deps.services), 'workers']);
  const targets = Object.entries(deps.services).filter(([name]) => wanted.has(name));
  if (wanted.has('workers')) {
    for (const w of await deps.workers()) targets.push([`worker:${w.id}`, w.url]);
  }
  let done = 0;
  const probes = await Promise.all(
    targets.map(async ([name, url]) => {
      const p = await probe(name, url, input.timeoutMs, ctx.signal);
      ctx.progress(Math.round((++done / targets.length) * 100), `${name} ${p.status}`);
      if (p.status === 'down') ctx.log('WARN', `${name} is down: ${p.error}`, { url: p.url });
      return p;
    }),
  );
  const down = probes.filter((p) => p.status === 'down').length;
  return {
    status: down === 0 ? 'healthy' : down === probes.length ? 'unhealthy' : 'degraded',
    up: probes.length - down,
    down,
    checkedAt: new Date().toISOString(),
    services: probes,
  };
}
