import { type AgentsHealth, TasksClient } from '@trae/kit';
import { derive, type Scrape } from './derive.js';
import type { BackupSample, MetricsSnapshot, ServiceMetrics } from './metric.types.js';
import { parsePrometheusText, type Sample } from './prometheus-text.js';
import type { Target } from './scrape-targets.js';

/** The tasks service's backup gauges (see its backup-gauges.ts); null where they are not exported. */
export function backupOf(samples: Sample[]): BackupSample | null {
  const last = samples.find((s) => s.name === 'backup_last_success_timestamp_seconds');
  if (!last) return null;
  const scheduled = samples.find((s) => s.name === 'backup_scheduled')?.value === 1;
  return { lastSuccessAt: last.value > 0 ? new Date(last.value * 1000) : null, scheduled };
}

export interface ScraperOptions {
  targets: Target[];
  timeoutMs: number;
  tasksUrl: string;
  internalSecret: string;
}

/**
 * Scrapes every target's /metrics (in parallel, each with a timeout) and the tasks service's
 * queues, and turns the counters into rates over the time since the previous scrape.
 */
export class Scraper {
  private readonly previous = new Map<string, Scrape>();
  private readonly tasks: TasksClient;

  constructor(private readonly options: ScraperOptions) {
    this.tasks = new TasksClient(options.tasksUrl, options.internalSecret, options.timeoutMs);
  }

  async scrape(): Promise<MetricsSnapshot> {
    const [services, agents] = await Promise.all([
      Promise.all(this.options.targets.map((t) => this.scrapeOne(t))),
      this.tasks.agentsHealth().catch((): AgentsHealth | undefined => undefined),
    ]);
    return {
      time: new Date(),
      services: services.map(([s]) => s),
      queues: Object.entries(agents?.queues ?? {}).map(([agent, q]) => ({ agent, ...q })),
      workers: agents ? agents.workers : null,
      backup: services.find(([, b]) => b)?.[1] ?? null,
    };
  }

  private async scrapeOne(target: Target): Promise<[ServiceMetrics, BackupSample | null]> {
    try {
      const res = await fetch(`${target.url}/metrics`, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status}`);
      }
      const current: Scrape = { at: Date.now(), samples: parsePrometheusText(await res.text()) };
      const values = derive(current, this.previous.get(target.name));
      this.previous.set(target.name, current);
      return [{ service: target.name, up: true, ...values }, backupOf(current.samples)];
    } catch {
      // A restart starts its counters again; rates resume one scrape after it is back.
      this.previous.delete(target.name);
      const down = {
        service: target.name,
        up: false,
        requestRate: null,
        errorRate: null,
        latencyP50: null,
        latencyP95: null,
        latencyP99: null,
        cpu: null,
        memoryBytes: null,
        eventLoopLag: null,
        subscriptions: null,
        tasksSucceeded: null,
        tasksFailed: null,
        llmInputTokens: null,
        llmOutputTokens: null,
        llmCostUsd: null,
      };
      return [down, null];
    }
  }
}
