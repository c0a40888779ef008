import { Counter, Gauge, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../src/modules/metric/derive.js';
import type { MetricsSnapshot, ServiceMetrics } from '../src/modules/metric/metric.types.js';
import { parsePrometheusText } from '../src/modules/metric/prometheus-text.js';
import { type Harness, startObservability } from './setup.js';

/** A worker's registry as tasks' worker-http.ts builds it: the model counters and the running gauge. */
function workerRegistry() {
  const registry = new Registry();
  const tokens = new Counter({
    name: 'llm_tokens_total',
    help: 'tokens',
    labelNames: ['direction', 'agent', 'model'],
    registers: [registry],
  });
  const cost = new Counter({
    name: 'llm_cost_usd_total',
    help: 'cost',
    labelNames: ['agent', 'model'],
    registers: [registry],
  });
  new Gauge({ name: 'tasks_running', help: 'running', registers: [registry] }).set(0);
  const scrape = async (at: number) => ({ at, samples: parsePrometheusText(await registry.metrics()) });
  return { tokens, cost, scrape };
}

describe('language-model usage as server-side series', () => {
  it('derives tokens in and out and cost per second from a worker’s counters, over every agent and model', async () => {
    const w = workerRegistry();
    const first = await w.scrape(0);
    // A worker that has made no model call yet: zero, not unknown.
    expect(derive(await w.scrape(1_000), first)).toMatchObject({
      llmInputTokens: 0,
      llmOutputTokens: 0,
      llmCostUsd: 0,
    });
    w.tokens.inc({ direction: 'input', agent: 'content', model: 'a' }, 300);
    w.tokens.inc({ direction: 'input', agent: 'research', model: 'b' }, 100);
    w.tokens.inc({ direction: 'output', agent: 'content', model: 'a' }, 50);
    w.cost.inc({ agent: 'content', model: 'a' }, 0.02);
    const values = derive(await w.scrape(2_000), first);
    expect(values.llmInputTokens).toBeCloseTo(200);
    expect(values.llmOutputTokens).toBeCloseTo(25);
    expect(values.llmCostUsd).toBeCloseTo(0.01);
    // A process that runs no tasks has no such series.
    const api = {
      at: 0,
      samples: parsePrometheusText('http_requests_total{route="/graphql",status="200"} 3'),
    };
    expect(derive({ ...api, at: 1_000 }, api)).toMatchObject({ llmInputTokens: null, llmCostUsd: null });
  });

  describe('stored and served', () => {
    let h: Harness;
    const start = Date.now() - 60_000;
    const worker = (values: Partial<ServiceMetrics>) =>
      ({ service: 'tasks-worker', up: true, ...values }) as ServiceMetrics;

    beforeAll(async () => {
      h = await startObservability();
      for (let i = 0; i < 3; i++) {
        const snapshot: MetricsSnapshot = {
          time: new Date(start + i * 10_000),
          services: [worker({ llmInputTokens: 100 * (i + 1), llmOutputTokens: 10, llmCostUsd: 0.001 })],
          queues: [],
          workers: 1,
          backup: null,
        };
        await h.obs.services.metrics.record(snapshot);
      }
    });
    afterAll(() => h?.stop());

    it('serves each series per step, and lists them with their units', async () => {
      const series = async (name: string) =>
        (
          await h.gql<{ metricSeries: { value: number }[] }>(
            'query ($name: String!, $from: DateTime, $to: DateTime) { metricSeries(name: $name, from: $from, to: $to, step: 10) { value } }',
            { name, from: new Date(start).toISOString(), to: new Date(start + 30_000).toISOString() },
            h.user,
          )
        ).data?.metricSeries.map((p) => p.value);
      expect(await series('llm_input_tokens_rate')).toEqual([100, 200, 300]);
      expect(await series('llm_output_tokens_rate')).toEqual([10, 10, 10]);
      expect(await series('llm_cost_usd_rate')).toEqual([0.001, 0.001, 0.001]);
      const names = await h.gql<{ metricNames: { name: string; unit: string }[] }>(
        '{ metricNames { name unit } }',
        {},
        h.user,
      );
      expect(names.data?.metricNames).toEqual(
        expect.arrayContaining([
          { name: 'llm_input_tokens_rate', unit: 'tokens/s' },
          { name: 'llm_output_tokens_rate', unit: 'tokens/s' },
          { name: 'llm_cost_usd_rate', unit: 'USD/s' },
        ]),
      );
    });
  });
});
