import type { MetricDefinition, MetricsSnapshot, ServiceMetrics } from './metric.types.js';

type ServiceField = Exclude<keyof ServiceMetrics, 'service' | 'up'>;

/** Every stored series: its name, where its value comes from, and what it means. */
const PER_SERVICE: [name: string, field: ServiceField, unit: string, description: string][] = [
  ['http_request_rate', 'requestRate', 'requests/s', 'HTTP requests per second, probes excluded'],
  ['http_error_rate', 'errorRate', 'ratio', 'Share of requests that failed (HTTP 5xx or GraphQL errors)'],
  ['http_latency_p50_seconds', 'latencyP50', 'seconds', 'Median HTTP request duration'],
  ['http_latency_p95_seconds', 'latencyP95', 'seconds', '95th percentile HTTP request duration'],
  ['http_latency_p99_seconds', 'latencyP99', 'seconds', '99th percentile HTTP request duration'],
  ['cpu_usage', 'cpu', 'cores', 'CPU time per second'],
  ['memory_rss_bytes', 'memoryBytes', 'bytes', 'Resident memory'],
  ['event_loop_lag_seconds', 'eventLoopLag', 'seconds', 'Event-loop delay, p99'],
  ['subscriptions_active', 'subscriptions', 'subscriptions', 'Open GraphQL subscriptions'],
  ['tasks_succeeded_rate', 'tasksSucceeded', 'tasks/s', 'Tasks that succeeded per second, per worker'],
  ['tasks_failed_rate', 'tasksFailed', 'tasks/s', 'Tasks that failed for good per second, per worker'],
  [
    'llm_input_tokens_rate',
    'llmInputTokens',
    'tokens/s',
    'Language-model input tokens per second, per worker',
  ],
  [
    'llm_output_tokens_rate',
    'llmOutputTokens',
    'tokens/s',
    'Language-model output tokens per second, per worker',
  ],
  ['llm_cost_usd_rate', 'llmCostUsd', 'USD/s', 'Estimated language-model cost per second, per worker'],
];

const QUEUE: [name: string, field: 'waiting' | 'active' | 'delayed' | 'failed', description: string][] = [
  ['queue_waiting', 'waiting', 'Jobs waiting in every agent queue'],
  ['queue_active', 'active', 'Jobs running'],
  ['queue_delayed', 'delayed', 'Jobs scheduled for later'],
  ['queue_failed', 'failed', 'Jobs failed and kept'],
];

const HOUR_MS = 3_600_000;

export const METRICS: MetricDefinition[] = [
  { name: 'up', unit: '0/1', description: 'The service answered its scrape' },
  ...PER_SERVICE.map(([name, , unit, description]) => ({ name, unit, description })),
  ...QUEUE.map(([name, , description]) => ({
    name,
    unit: 'jobs',
    description: `${description} (service "tasks")`,
  })),
  {
    name: 'queue_oldest_waiting_seconds',
    unit: 'seconds',
    description:
      'How long the oldest due task has waited for a worker, over every agent queue (service "tasks")',
  },
  {
    name: 'backup_age_hours',
    unit: 'hours',
    description: 'Age of the newest good backup (service "tasks"); no point while there is none',
  },
];

export const METRIC_NAMES = new Set(METRICS.map((m) => m.name));

export interface SampleRow {
  service: string;
  name: string;
  value: number;
}

/** The rows one snapshot stores: known values only, queue totals under the tasks service. */
export function snapshotRows(snapshot: MetricsSnapshot): SampleRow[] {
  const rows: SampleRow[] = [];
  for (const s of snapshot.services) {
    rows.push({ service: s.service, name: 'up', value: s.up ? 1 : 0 });
    for (const [name, field] of PER_SERVICE) {
      const value = s[field];
      if (value !== null && Number.isFinite(value)) rows.push({ service: s.service, name, value });
    }
  }
  if (snapshot.workers !== null) {
    for (const [name, field] of QUEUE) {
      rows.push({ service: 'tasks', name, value: snapshot.queues.reduce((n, q) => n + q[field], 0) });
    }
    const oldest = Math.max(0, ...snapshot.queues.map((q) => q.oldestWaitingSeconds));
    rows.push({ service: 'tasks', name: 'queue_oldest_waiting_seconds', value: oldest });
  }
  const lastBackup = snapshot.backup?.lastSuccessAt;
  if (lastBackup) {
    const value = (snapshot.time.getTime() - lastBackup.getTime()) / HOUR_MS;
    rows.push({ service: 'tasks', name: 'backup_age_hours', value });
  }
  return rows;
}
