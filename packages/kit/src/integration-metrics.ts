import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One metric per name in a registry, whichever integration registers it first. */
function once<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * The metrics every integration shares, labelled by `integration`: what the dashboards and alerts
 * read the same way for Base44, email or S3.
 */
export function integrationMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: once(
      registry,
      'integration_requests_total',
      () =>
        new Counter({
          name: 'integration_requests_total',
          help: 'Calls to outside services (each attempt), by outcome: ok or the failure',
          labelNames: ['integration', 'method', 'outcome'] as const,
          registers,
        }),
    ),
    failures: once(
      registry,
      'integration_failures_total',
      () =>
        new Counter({
          name: 'integration_failures_total',
          help: 'Calls to outside services that failed after every retry, by reason',
          labelNames: ['integration', 'reason'] as const,
          registers,
        }),
    ),
    retries: once(
      registry,
      'integration_retries_total',
      () =>
        new Counter({
          name: 'integration_retries_total',
          help: 'Attempts repeated after a transient failure',
          labelNames: ['integration'] as const,
          registers,
        }),
    ),
    duration: once(
      registry,
      'integration_request_duration_seconds',
      () =>
        new Histogram({
          name: 'integration_request_duration_seconds',
          help: 'Time one attempt at an outside service took',
          labelNames: ['integration', 'method'] as const,
          buckets: BUCKETS,
          registers,
        }),
    ),
    breaker: once(
      registry,
      'integration_breaker_state',
      () =>
        new Gauge({
          name: 'integration_breaker_state',
          help: 'Circuit breaker per outside service: 0 closed, 1 half-open, 2 open',
          labelNames: ['integration'] as const,
          registers,
        }),
    ),
  };
}

export type IntegrationMetrics = ReturnType<typeof integrationMetrics>;
