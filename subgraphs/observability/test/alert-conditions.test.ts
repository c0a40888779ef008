import { describe, expect, it } from 'vitest';
import { evaluate, type Inputs } from '../src/modules/alert/alert-conditions.js';

const inputs = (samples: [string, string, number][], errors: Inputs['errors'] = []): Inputs => ({
  samples: samples.map(([service, name, value]) => ({ service, name, value })),
  errors,
});
const rule = (over: Record<string, unknown>) =>
  ({
    kind: 'METRIC_THRESHOLD',
    metric: null,
    service: null,
    comparison: 'ABOVE',
    threshold: 0,
    ...over,
  }) as Parameters<typeof evaluate>[0];

describe('alert conditions', () => {
  const samples = inputs([
    ['identity', 'http_error_rate', 0.01],
    ['files', 'http_error_rate', 0.2],
    ['files', 'up', 0],
    ['identity', 'up', 1],
    ['tasks', 'queue_oldest_waiting_seconds', 900],
  ]);

  it('compares the worst service for a metric: the highest ABOVE, the lowest BELOW', () => {
    const errorRate = rule({ metric: 'http_error_rate', threshold: 0.05 });
    expect(evaluate(errorRate, samples)).toEqual({
      holds: true,
      value: 0.2,
      summary: 'http_error_rate on files is 0.2 (above 0.05)',
    });
    expect(evaluate({ ...errorRate, service: 'identity' }, samples)).toMatchObject({
      holds: false,
      value: 0.01,
    });
    expect(evaluate({ ...errorRate, comparison: 'BELOW', threshold: 0.02 }, samples)).toMatchObject({
      holds: true,
      value: 0.01,
    });
  });

  it('reads services down from `up`', () => {
    expect(evaluate(rule({ kind: 'SERVICE_DOWN' }), samples)).toEqual({
      holds: true,
      value: 1,
      summary: 'Down: files',
    });
    expect(evaluate(rule({ kind: 'SERVICE_DOWN', service: 'identity' }), samples)).toMatchObject({
      holds: false,
    });
  });

  it('reads the tasks service’s queue series, and no samples is no alert', () => {
    expect(evaluate(rule({ kind: 'QUEUE_OLDEST_WAITING', threshold: 600 }), samples)).toMatchObject({
      holds: true,
      value: 900,
    });
    expect(evaluate(rule({ kind: 'BACKUP_AGE', threshold: 26 }), samples)).toEqual({
      holds: false,
      value: null,
      summary: 'No recent backup_age_hours samples',
    });
  });

  it('fires on a new or reopened error group above the rate (0: any)', () => {
    const burst = {
      type: 'TypeError',
      service: 'identity',
      message: 'key is undefined',
      reopened: false,
      perMinute: 2,
    };
    const errors = inputs([], [burst]);
    expect(evaluate(rule({ kind: 'ERROR_GROUP' }), errors)).toEqual({
      holds: true,
      value: 2,
      summary: 'New error group in identity: TypeError: key is undefined (2/min)',
    });
    expect(evaluate(rule({ kind: 'ERROR_GROUP', threshold: 5 }), errors)).toMatchObject({
      holds: false,
      value: 0,
    });
    expect(evaluate(rule({ kind: 'ERROR_GROUP' }), inputs([]))).toMatchObject({ holds: false, value: null });
  });
});
