import { internalHeaders } from '@trae/kit';
import type { ObservabilityConfig } from './config.js';

export interface Target {
  name: string;
  /** Base URL; `/metrics` and `/ready` are appended. */
  url: string;
  kind: 'SERVICE' | 'WORKER';
}

/** Every process of the platform, as CONTRACT's service list has it, or SCRAPE_TARGETS instead. */
export function targetsOf(config: ObservabilityConfig): Target[] {
  const kind = (name: string): Target['kind'] => (/worker$/.test(name) ? 'WORKER' : 'SERVICE');
  if (config.SCRAPE_TARGETS) return config.SCRAPE_TARGETS.map((t) => ({ ...t, kind: kind(t.name) }));
  return [
    ['gateway', config.GATEWAY_URL],
    ['identity', config.IDENTITY_URL],
    ['channels', config.CHANNELS_URL],
    ['tasks', config.TASKS_URL],
    ['files', config.FILES_URL],
    ['observability', config.OBSERVABILITY_URL],
    ['tasks-worker', config.WORKER_URL],
  ].map(([name, url]) => ({ name, url: url.replace(/\/$/, ''), kind: kind(name) }));
}

export interface AgentsHealth {
  status: 'up' | 'down';
  workers: number;
  queues: Record<string, { waiting: number; active: number; delayed: number; failed: number }>;
}

/** The tasks service's view of its queues and workers (`/internal/agents/health`). */
export async function fetchAgentsHealth(
  tasksUrl: string,
  secret: string,
  timeoutMs: number,
): Promise<AgentsHealth> {
  const res = await fetch(`${tasksUrl}/internal/agents/health`, {
    headers: internalHeaders(secret),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`agents health answered HTTP ${res.status}`);
  }
  const body = (await res.json()) as Partial<AgentsHealth>;
  const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0);
  const queues: AgentsHealth['queues'] = {};
  for (const [agent, q] of Object.entries(body.queues ?? {})) {
    queues[agent] = {
      waiting: int(q?.waiting),
      active: int(q?.active),
      delayed: int(q?.delayed),
      failed: int(q?.failed),
    };
  }
  return { status: body.status === 'up' ? 'up' : 'down', workers: int(body.workers), queues };
}
