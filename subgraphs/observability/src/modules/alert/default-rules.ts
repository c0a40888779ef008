import type { AlertRuleFields } from './alert.schema.js';

/** A shipped rule: `key` names it for seeding (once) and for the Prometheus export. */
export interface DefaultRule extends AlertRuleFields {
  key: string;
}

/**
 * The rules every platform starts with (issue 17): seeded once at boot, then the ADMIN's to tune or
 * disable. `npm run alerts:prometheus` turns the same list into deploy/prometheus/alerts.yml.
 */
export const DEFAULT_RULES: DefaultRule[] = [
  {
    key: 'service-down',
    name: 'Service down',
    description: 'A service has not answered its /metrics scrape for a minute.',
    kind: 'SERVICE_DOWN',
    severity: 'CRITICAL',
    metric: null,
    service: null,
    comparison: 'ABOVE',
    threshold: 0,
    forSeconds: 60,
    resolveAfterSeconds: 60,
    notify: ['DASHBOARD', 'EMAIL', 'WEBHOOK'],
    enabled: true,
  },
  {
    key: 'high-error-rate',
    name: 'High error rate',
    description: 'More than 5% of a service’s requests failed (HTTP 5xx or GraphQL errors) for 5 minutes.',
    kind: 'METRIC_THRESHOLD',
    severity: 'WARNING',
    metric: 'http_error_rate',
    service: null,
    comparison: 'ABOVE',
    threshold: 0.05,
    forSeconds: 300,
    resolveAfterSeconds: 120,
    notify: ['DASHBOARD', 'EMAIL', 'WEBHOOK'],
    enabled: true,
  },
  {
    key: 'queue-stalled',
    name: 'Queue stalled',
    description: 'A task has waited over 10 minutes for a worker.',
    kind: 'QUEUE_OLDEST_WAITING',
    severity: 'WARNING',
    metric: null,
    service: null,
    comparison: 'ABOVE',
    threshold: 600,
    forSeconds: 0,
    resolveAfterSeconds: 60,
    notify: ['DASHBOARD', 'EMAIL', 'WEBHOOK'],
    enabled: true,
  },
  {
    key: 'backup-too-old',
    name: 'Backup too old',
    description:
      'The last good backup is over 26 hours old. Without `backup_age_hours` samples (backups not scheduled) it stays OK.',
    kind: 'BACKUP_AGE',
    severity: 'WARNING',
    metric: null,
    service: null,
    comparison: 'ABOVE',
    threshold: 26,
    forSeconds: 0,
    resolveAfterSeconds: 0,
    notify: ['DASHBOARD', 'EMAIL', 'WEBHOOK'],
    enabled: true,
  },
];
