import { bucketBound, type Sample } from './prometheus-text.js';

/** One scrape of one service's /metrics. */
export interface Scrape {
  at: number;
  samples: Sample[];
}

/** What the dashboard shows per service; null where one scrape is not enough (rates) or absent. */
export interface ServiceValues {
  requestRate: number | null;
  errorRate: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
  latencyP99: number | null;
  cpu: number | null;
  memoryBytes: number | null;
  eventLoopLag: number | null;
  subscriptions: number | null;
  /** Task runs that ended per second, in a worker (`tasks_settled_total`); null elsewhere. */
  tasksSucceeded: number | null;
  tasksFailed: number | null;
  /** Language-model tokens and estimated USD per second, in a worker (`llm_tokens_total`, `llm_cost_usd_total`). */
  llmInputTokens: number | null;
  llmOutputTokens: number | null;
  llmCostUsd: number | null;
}

/** Probes and scrapes are not traffic; counting them would make an idle service look busy. */
export const NOT_TRAFFIC = new Set(['/metrics', '/health', '/ready']);

interface Totals {
  requests: number;
  serverErrors: number;
  operations: number;
  failedOperations: number;
  buckets: Map<number, number>;
  /** Absent where the process counts no task runs (only workers do). */
  succeeded?: number;
  failed?: number;
  llmInput?: number;
  llmOutput?: number;
  llmCost?: number;
  cpu?: number;
  memory?: number;
  lag?: number;
  lagP99?: number;
  subscriptions?: number;
}

function totals(samples: Sample[]): Totals {
  const t: Totals = { requests: 0, serverErrors: 0, operations: 0, failedOperations: 0, buckets: new Map() };
  for (const { name, labels, value } of samples) {
    const traffic = !NOT_TRAFFIC.has(labels.route ?? '');
    switch (name) {
      case 'http_requests_total':
        if (!traffic) break;
        t.requests += value;
        if (labels.status?.startsWith('5')) t.serverErrors += value;
        break;
      case 'http_request_duration_seconds_bucket': {
        const le = bucketBound(labels.le);
        if (traffic && !Number.isNaN(le)) t.buckets.set(le, (t.buckets.get(le) ?? 0) + value);
        break;
      }
      case 'graphql_operations_total':
        t.operations += value;
        if (labels.outcome === 'error') t.failedOperations += value;
        break;
      // QUEUED means the run failed and will be retried: not a finished task, so neither.
      case 'tasks_settled_total':
        if (labels.status === 'SUCCEEDED') t.succeeded = (t.succeeded ?? 0) + value;
        if (labels.status === 'FAILED') t.failed = (t.failed ?? 0) + value;
        break;
      case 'llm_tokens_total':
        if (labels.direction === 'input') t.llmInput = (t.llmInput ?? 0) + value;
        if (labels.direction === 'output') t.llmOutput = (t.llmOutput ?? 0) + value;
        break;
      case 'llm_cost_usd_total':
        t.llmCost = (t.llmCost ?? 0) + value;
        break;
      // Every worker has this gauge; its counters appear only once they have counted.
      case 'tasks_running':
        t.succeeded ??= 0;
        t.failed ??= 0;
        t.llmInput ??= 0;
        t.llmOutput ??= 0;
        t.llmCost ??= 0;
        break;
      case 'process_cpu_seconds_total':
        t.cpu = value;
        break;
      case 'process_resident_memory_bytes':
        t.memory = value;
        break;
      case 'nodejs_eventloop_lag_seconds':
        t.lag = value;
        break;
      case 'nodejs_eventloop_lag_p99_seconds':
        t.lagP99 = value;
        break;
      // Subgraphs that count theirs (observability does), and the gateway's client subscriptions.
      case 'graphql_subscriptions_active':
      case 'gateway_subscriptions_active':
        t.subscriptions = (t.subscriptions ?? 0) + value;
        break;
    }
  }
  return t;
}

/** A counter's growth; a smaller value means the process restarted and counts from zero. */
const growth = (now: number, before: number) => (now >= before ? now - before : now);

/**
 * The q-quantile of observations between two scrapes of a cumulative histogram, interpolated
 * linearly inside the bucket it falls in (as Prometheus' histogram_quantile does). Null without
 * observations.
 */
export function histogramQuantile(
  q: number,
  now: Map<number, number>,
  before?: Map<number, number>,
): number | null {
  const bounds = [...now.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => growth(now.get(le) ?? 0, before?.get(le) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (!bounds.length || total <= 0) return null;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i] < rank) continue;
    const upper = bounds[i];
    const lower = i === 0 ? 0 : bounds[i - 1];
    if (upper === Number.POSITIVE_INFINITY) return lower;
    const below = i === 0 ? 0 : counts[i - 1];
    const inBucket = counts[i] - below;
    return inBucket > 0 ? lower + (upper - lower) * ((rank - below) / inBucket) : upper;
  }
  return bounds.length > 1 ? bounds[bounds.length - 2] : null;
}

/**
 * Rates and percentiles over the interval between two scrapes; gauges from the latest one.
 * `errorRate` is the share of requests that failed: HTTP 5xx, or a GraphQL operation that
 * returned errors (those answer 200).
 */
export function derive(current: Scrape, previous?: Scrape): ServiceValues {
  const now = totals(current.samples);
  const gauges = {
    memoryBytes: now.memory ?? null,
    eventLoopLag: now.lagP99 ?? now.lag ?? null,
    subscriptions: now.subscriptions ?? null,
  };
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  if (!previous || seconds <= 0) {
    return {
      requestRate: null,
      errorRate: null,
      latencyP50: null,
      latencyP95: null,
      latencyP99: null,
      cpu: null,
      tasksSucceeded: null,
      tasksFailed: null,
      llmInputTokens: null,
      llmOutputTokens: null,
      llmCostUsd: null,
      ...gauges,
    };
  }
  const before = totals(previous.samples);
  const requests = growth(now.requests, before.requests);
  const operations = growth(now.operations, before.operations);
  const failed =
    growth(now.serverErrors, before.serverErrors) + growth(now.failedOperations, before.failedOperations);
  const served = Math.max(requests, operations);
  return {
    requestRate: requests / seconds,
    errorRate: served > 0 ? Math.min(1, failed / served) : 0,
    latencyP50: histogramQuantile(0.5, now.buckets, before.buckets),
    latencyP95: histogramQuantile(0.95, now.buckets, before.buckets),
    latencyP99: histogramQuantile(0.99, now.buckets, before.buckets),
    cpu: now.cpu !== undefined && before.cpu !== undefined ? growth(now.cpu, before.cpu) / seconds : null,
    ...taskRates(now, before, seconds),
    ...modelRates(now, before, seconds),
    ...gauges,
  };
}

/** A worker's finished tasks per second; null for a process that runs no tasks. */
function taskRates(now: Totals, before: Totals, seconds: number) {
  if (now.succeeded === undefined || now.failed === undefined)
    return { tasksSucceeded: null, tasksFailed: null };
  return {
    tasksSucceeded: growth(now.succeeded ?? 0, before.succeeded ?? 0) / seconds,
    tasksFailed: growth(now.failed ?? 0, before.failed ?? 0) / seconds,
  };
}

/** A worker's language-model use per second; null for a process that runs no tasks. */
function modelRates(now: Totals, before: Totals, seconds: number) {
  if (now.llmInput === undefined || now.llmOutput === undefined || now.llmCost === undefined)
    return { llmInputTokens: null, llmOutputTokens: null, llmCostUsd: null };
  return {
    llmInputTokens: growth(now.llmInput, before.llmInput ?? 0) / seconds,
    llmOutputTokens: growth(now.llmOutput, before.llmOutput ?? 0) / seconds,
    llmCostUsd: growth(now.llmCost, before.llmCost ?? 0) / seconds,
  };
}
