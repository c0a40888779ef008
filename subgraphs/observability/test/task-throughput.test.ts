import { Counter, Gauge, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../src/modules/metric/derive.js';
import type { MetricsSnapshot, ServiceMetrics } from '../src/modules/metric/metric.types.js';
import { parsePrometheusText } from '../src/modules/metric/prometheus-text.js';
import { type Harness, startObservability } from './setup.js';

const SERIES = `query ($name: String!, $from: DateTime, $to: DateTime, $step: Int) {
  metricSeries(name: $name, from: $from, to: $to, step: $step) { time service value }
}`;
type Point = { time: string; service: string; value: number };

/** A worker's registry as tasks' worker-http.ts builds it: the counter and the gauge observability reads. */
function workerRegistry() {
  const registry = new Registry();
  const settled = new Counter({
    name: 'tasks_settled_total',
    help: 'runs that ended',
    labelNames: ['agent', 'type', 'status'],
    registers: [registry],
  });
  new Gauge({ name: 'tasks_running', help: 'running', registers: [registry] }).set(1);
  const scrape = async (at: number) => ({ at, samples: parsePrometheusText(await registry.metrics()) });
  return { settled, scrape };
}

const service = (name: string, values: Partial<ServiceMetrics>): ServiceMetrics => ({
  service: name,
  up: true,
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
  ...values,
});

describe('task throughput and queue depth, as server-side series', () => {
  it('derives finished tasks per second from a worker’s counter, retries not counted', async () => {
    const w = workerRegistry();
    const first = await w.scrape(0);
    // An idle worker has no counted sample yet: zero, not unknown.
    expect(derive(await w.scrape(1_000), first)).toMatchObject({ tasksSucceeded: 0, tasksFailed: 0 });
    w.settled.inc({ agent: 'content', type: 'blog', status: 'SUCCEEDED' }, 8);
    w.settled.inc({ agent: 'research', type: 'web', status: 'SUCCEEDED' }, 2);
    w.settled.inc({ agent: 'content', type: 'blog', status: 'FAILED' }, 1);
    w.settled.inc({ agent: 'content', type: 'blog', status: 'QUEUED' }, 5);
    const values = derive(await w.scrape(2_000), first);
    expect(values.tasksSucceeded).toBeCloseTo(5);
    expect(values.tasksFailed).toBeCloseTo(0.5);
    const api = {
      at: 0,
      samples: parsePrometheusText('http_requests_total{route="/graphql",status="200"} 3'),
    };
    expect(derive({ ...api, at: 1_000 }, api)).toMatchObject({ tasksSucceeded: null, tasksFailed: null });
  });

  describe('stored and served', () => {
    let h: Harness;
    const start = Date.now() - 60_000;

    beforeAll(async () => {
      h = await startObservability();
      // Two workers for 40 s, one snapshot every 10 s, with a queue that drains.
      for (let i = 0; i < 4; i++) {
        const snapshot: MetricsSnapshot = {
          time: new Date(start + i * 10_000),
          services: [
            service('tasks-worker', { tasksSucceeded: 2, tasksFailed: 0.5 }),
            service('tasks-worker-2', { tasksSucceeded: 1, tasksFailed: 0 }),
            service('gateway', { requestRate: 9 }),
          ],
          queues: [
            {
              agent: 'content',
              waiting: 30 - i * 10,
              active: 2,
              delayed: 0,
              failed: 0,
              oldestWaitingSeconds: 5,
            },
          ],
          workers: 2,
          backup: null,
        };
        await h.obs.services.metrics.record(snapshot);
      }
    });
    afterAll(() => h.stop());

    const series = async (name: string) =>
      (
        await h.gql<{ metricSeries: Point[] }>(
          SERIES,
          { name, from: new Date(start).toISOString(), to: new Date(start + 40_000).toISOString(), step: 10 },
          h.admin,
        )
      ).data?.metricSeries ?? [];

    it('serves each worker’s throughput per step, and nothing for services that run no tasks', async () => {
      const points = await series('tasks_succeeded_rate');
      expect(new Set(points.map((p) => p.service))).toEqual(new Set(['tasks-worker', 'tasks-worker-2']));
      expect(points.filter((p) => p.service === 'tasks-worker').map((p) => p.value)).toEqual([2, 2, 2, 2]);
      expect((await series('tasks_failed_rate')).find((p) => p.service === 'tasks-worker')?.value).toBe(0.5);
    });

    it('serves the queue depth over time', async () => {
      expect((await series('queue_waiting')).map((p) => p.value)).toEqual([30, 20, 10, 0]);
    });

    it('lists the new series with their units', async () => {
      const names = await h.gql<{ metricNames: { name: string; unit: string }[] }>(
        '{ metricNames { name unit } }',
        {},
        h.user,
      );
      expect(names.data?.metricNames).toContainEqual({ name: 'tasks_succeeded_rate', unit: 'tasks/s' });
      expect(names.data?.metricNames).toContainEqual({ name: 'tasks_failed_rate', unit: 'tasks/s' });
    });
  });
});
