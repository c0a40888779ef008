import { describe, expect, it } from 'vitest';
import { Metrics } from '../src/metrics.js';

describe('Metrics', () => {
  it('caps operation-name cardinality', () => {
    const m = new Metrics('test');
    expect(m.operationLabel(undefined)).toBe('anonymous');
    expect(m.operationLabel('GetMe')).toBe('GetMe');
    expect(m.operationLabel('bad name; drop')).toBe('other');
    for (let i = 0; i < 300; i++) m.operationLabel(`Op${i}`);
    expect(m.operationLabel('OneMore')).toBe('other');
    expect(m.operationLabel('GetMe')).toBe('GetMe');
  });

  it('exposes RED metrics in Prometheus text', async () => {
    const m = new Metrics('test');
    m.gqlOperations.inc({ operation: 'GetMe', type: 'query', outcome: 'ok' });
    const text = await m.registry.metrics();
    expect(text).toContain(
      'graphql_operations_total{operation="GetMe",type="query",outcome="ok",service="test"} 1',
    );
    expect(text).toContain('http_request_duration_seconds');
    expect(text).toContain('process_cpu_seconds_total');
  });
});
