import { Metrics } from '@trae/kit';
import { describe, expect, it } from 'vitest';
import { derive, histogramQuantile } from '../src/modules/metric/derive.js';
import { parsePrometheusText } from '../src/modules/metric/prometheus-text.js';

describe('Prometheus text and derived values', () => {
  it('parses labels with escapes, +Inf and timestamps, and skips junk', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x help',
        '# TYPE x counter',
        'x_total{route="/a\\"b",path="C:\\\\tmp",msg="two\\nlines"} 3 1700000000000',
        'h_bucket{le="+Inf"} 7',
        'no_labels 1.5e3',
        'broken{le="1" 2',
        'nan_value NaN',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'x_total', labels: { route: '/a"b', path: 'C:\\tmp', msg: 'two\nlines' }, value: 3 },
      { name: 'h_bucket', labels: { le: '+Inf' }, value: 7 },
      { name: 'no_labels', labels: {}, value: 1500 },
    ]);
  });

  it('interpolates quantiles inside buckets as histogram_quantile does', () => {
    const now = new Map([
      [0.1, 50],
      [0.5, 90],
      [1, 100],
      [Number.POSITIVE_INFINITY, 100],
    ]);
    expect(histogramQuantile(0.5, now)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.7, now)).toBeCloseTo(0.3);
    expect(histogramQuantile(0.95, now)).toBeCloseTo(0.75);
    expect(histogramQuantile(0.5, now, now)).toBeNull();
  });

  it('derives rates, errors and percentiles from a real registry between two scrapes', async () => {
    const m = new Metrics('svc');
    const scrape = async (at: number) => ({ at, samples: parsePrometheusText(await m.registry.metrics()) });
    const labels = (route: string, status: string) => ({ method: 'GET', route, status });
    m.httpRequests.inc(labels('/graphql', '200'), 5);
    const first = await scrape(0);
    expect(derive(first)).toMatchObject({ requestRate: null, latencyP99: null });
    expect(derive(first).memoryBytes).toBeGreaterThan(0);

    for (let i = 0; i < 18; i++) {
      m.httpRequests.inc(labels('/graphql', '200'));
      m.httpDuration.observe(labels('/graphql', '200'), 0.02);
    }
    m.httpRequests.inc(labels('/graphql', '500'), 2);
    m.httpDuration.observe(labels('/graphql', '500'), 3);
    m.httpDuration.observe(labels('/graphql', '500'), 3);
    m.httpRequests.inc(labels('/metrics', '200'), 100);
    m.httpDuration.observe(labels('/metrics', '200'), 9);
    m.gqlOperations.inc({ operation: 'Q', type: 'query', outcome: 'error' }, 1);
    const values = derive(await scrape(2_000), first);
    expect(values.requestRate).toBeCloseTo(10);
    expect(values.errorRate).toBeCloseTo(3 / 20);
    expect(values.latencyP50).toBeGreaterThan(0.01);
    expect(values.latencyP50).toBeLessThanOrEqual(0.025);
    expect(values.latencyP99).toBeGreaterThan(2.5);
    expect(values.latencyP99).toBeLessThanOrEqual(5);
    expect(values.cpu).toBeGreaterThanOrEqual(0);
  });

  it('counts open subscriptions where a service exposes them', () => {
    const samples = parsePrometheusText(
      'graphql_subscriptions_active{subscription="a"} 2\ngraphql_subscriptions_active{subscription="b"} 1\ngateway_subscriptions_active 4',
    );
    expect(derive({ at: 0, samples }).subscriptions).toBe(7);
    expect(derive({ at: 0, samples: [] }).subscriptions).toBeNull();
  });

  it('treats a smaller counter as a restart, not a negative rate', () => {
    const at = (t: number, v: number) => ({
      at: t,
      samples: [{ name: 'http_requests_total', labels: { route: '/graphql', status: '200' }, value: v }],
    });
    expect(derive(at(1_000, 4), at(0, 100)).requestRate).toBe(4);
  });
});
