import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { NOT_TRAFFIC } from '../metric/derive.js';
import { SERIES_OF } from './alert-conditions.js';
import { DEFAULT_RULES, type DefaultRule } from './default-rules.js';

/** The file Prometheus users load (`rule_files` in deploy/prometheus.yml). */
export const ALERTS_FILE = fileURLToPath(
  new URL('../../../../../deploy/prometheus/alerts.yml', import.meta.url),
);

/** Requests that are traffic, as observability counts them (probes and scrapes excluded). */
const TRAFFIC = `route!~"${[...NOT_TRAFFIC].join('|')}"`;

type Service = string | null;
const selector = (...matchers: (string | null)[]) => `{${matchers.filter(Boolean).join(',')}}`;
const of = (service: Service) => (service ? `service="${service}"` : null);
const rate = (metric: string, ...matchers: (string | null)[]) =>
  `rate(${metric}${selector(...matchers)}[5m])`;
const bySum = (expr: string) => `sum by (service) (${expr})`;
const requests = (s: Service) => bySum(rate('http_requests_total', TRAFFIC, of(s)));
/** 0 rather than absent for a service with requests but none of the kind counted. */
const orZero = (expr: string, s: Service) => `(${bySum(expr)} or ${requests(s)} * 0)`;
const quantile = (q: number) => (s: Service) =>
  `histogram_quantile(${q}, sum by (service, le) (${rate('http_request_duration_seconds_bucket', TRAFFIC, of(s))}))`;

/**
 * `metricSeries` names as PromQL over what the services export at /metrics (packages/kit's Metrics,
 * the tasks service's gauges), per `service` label, computed as derive.ts does; for one service or all.
 */
export const SERIES_PROMQL: Record<string, (service: Service) => string> = {
  // Prometheus' own `up` has no service label; the target's address starts with the service's name.
  up: (s) => `up${selector('job="trae"', s && `instance=~"${s}:.*"`)}`,
  http_request_rate: requests,
  http_error_rate: (s) =>
    `(${orZero(rate('http_requests_total', TRAFFIC, 'status=~"5.."', of(s)), s)} + ` +
    `${orZero(rate('graphql_operations_total', 'outcome="error"', of(s)), s)}) / ${requests(s)}`,
  http_latency_p50_seconds: quantile(0.5),
  http_latency_p95_seconds: quantile(0.95),
  http_latency_p99_seconds: quantile(0.99),
  cpu_usage: (s) => rate('process_cpu_seconds_total', of(s)),
  memory_rss_bytes: (s) => `process_resident_memory_bytes${selector(of(s))}`,
  event_loop_lag_seconds: (s) => `nodejs_eventloop_lag_p99_seconds${selector(of(s))}`,
  queue_oldest_waiting_seconds: () => 'max(tasks_oldest_waiting_seconds)',
  // The tasks service exports the time of the last good backup (0: none yet, so no alert).
  backup_age_hours: () => '(time() - max(backup_last_success_timestamp_seconds > 0)) / 3600',
};

/** A rule's condition in PromQL; kinds Prometheus cannot see (error groups, queue depth) have none. */
export function promql(rule: DefaultRule): string {
  const series =
    rule.kind === 'METRIC_THRESHOLD' ? rule.metric : SERIES_OF[rule.kind as keyof typeof SERIES_OF];
  const expr = series ? SERIES_PROMQL[series] : undefined;
  if (!expr) throw new Error(`rule "${rule.name}": no PromQL for ${rule.kind} ${rule.metric ?? ''}`.trim());
  if (rule.kind === 'SERVICE_DOWN') return `${expr(rule.service)} == 0`;
  return `${expr(rule.service)} ${rule.comparison === 'ABOVE' ? '>' : '<'} ${rule.threshold}`;
}

/** What the alert's summary names besides its value. */
const SUMMARY: Partial<Record<DefaultRule['kind'], string>> = {
  SERVICE_DOWN: '{{ $labels.instance }}',
  METRIC_THRESHOLD: '{{ $value }} on {{ $labels.service }}',
};

/** Prometheus durations: whole minutes as `5m`, the rest in seconds. */
const duration = (s: number) => (s > 0 && s % 60 === 0 ? `${s / 60}m` : `${s}s`);

/** The rules file: one group, one alerting rule per enabled default (hysteresis as `keep_firing_for`). */
export function prometheusRules(rules: DefaultRule[]): string {
  const group = {
    name: 'trae-platform',
    rules: rules
      .filter((r) => r.enabled)
      .map((r) => ({
        alert: r.name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()),
        expr: promql(r),
        for: duration(r.forSeconds),
        keep_firing_for: duration(r.resolveAfterSeconds),
        labels: { severity: r.severity.toLowerCase(), rule: r.key },
        annotations: {
          summary: `${r.name}: ${SUMMARY[r.kind] ?? '{{ $value }}'}`,
          description: r.description ?? r.name,
        },
      })),
  };
  const header =
    '# Generated from subgraphs/observability/src/modules/alert/default-rules.ts by\n' +
    '# `npm run alerts:prometheus`; edit the rules there, not here (the tests compare the two).\n';
  return header + stringify({ groups: [group] }, { lineWidth: 0 });
}

/** Writes ALERTS_FILE from the default rules, or with `check` only says whether it is up to date. */
export async function syncAlertsFile(check: boolean): Promise<boolean> {
  const expected = prometheusRules(DEFAULT_RULES);
  if (!check) {
    await writeFile(ALERTS_FILE, expected);
    return true;
  }
  return (await readFile(ALERTS_FILE, 'utf8').catch(() => '')) === expected;
}
