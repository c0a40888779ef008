import type { ObservabilityConfig } from '../../config.js';

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
    ['webhooks', config.WEBHOOKS_URL],
    ['tasks-worker', config.WORKER_URL],
  ].map(([name, url]) => ({ name, url: url.replace(/\/$/, ''), kind: kind(name) }));
}
