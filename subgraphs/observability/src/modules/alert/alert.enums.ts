import { registerEnumType } from 'type-graphql';

/** Each enum is a const object (values stored as they are named) so zod and the SQL share its list. */
export const AlertRuleKind = {
  METRIC_THRESHOLD: 'METRIC_THRESHOLD',
  SERVICE_DOWN: 'SERVICE_DOWN',
  ERROR_GROUP: 'ERROR_GROUP',
  QUEUE_WAITING: 'QUEUE_WAITING',
  QUEUE_OLDEST_WAITING: 'QUEUE_OLDEST_WAITING',
  BACKUP_AGE: 'BACKUP_AGE',
} as const;
export type AlertRuleKind = (typeof AlertRuleKind)[keyof typeof AlertRuleKind];

export const AlertComparison = { ABOVE: 'ABOVE', BELOW: 'BELOW' } as const;
export type AlertComparison = (typeof AlertComparison)[keyof typeof AlertComparison];

export const AlertSeverity = { INFO: 'INFO', WARNING: 'WARNING', CRITICAL: 'CRITICAL' } as const;
export type AlertSeverity = (typeof AlertSeverity)[keyof typeof AlertSeverity];

export const AlertState = { OK: 'OK', PENDING: 'PENDING', FIRING: 'FIRING' } as const;
export type AlertState = (typeof AlertState)[keyof typeof AlertState];

export const AlertStatus = { PENDING: 'PENDING', FIRING: 'FIRING', RESOLVED: 'RESOLVED' } as const;
export type AlertStatus = (typeof AlertStatus)[keyof typeof AlertStatus];

export const AlertNotifier = { DASHBOARD: 'DASHBOARD', EMAIL: 'EMAIL', WEBHOOK: 'WEBHOOK' } as const;
export type AlertNotifier = (typeof AlertNotifier)[keyof typeof AlertNotifier];

registerEnumType(AlertRuleKind, {
  name: 'AlertRuleKind',
  description: 'What a rule watches.',
  valuesConfig: {
    METRIC_THRESHOLD: {
      description:
        'The latest value of `metric` (one service, or the worst over services) ABOVE or BELOW `threshold`.',
    },
    SERVICE_DOWN: { description: 'The service (or any service) fails its scrape (`up` = 0).' },
    ERROR_GROUP: {
      description:
        'An error group new or reopened in the last 10 minutes, at more than `threshold` occurrences a minute (0: any).',
    },
    QUEUE_WAITING: { description: 'Tasks waiting in every agent queue (`queue_waiting`).' },
    QUEUE_OLDEST_WAITING: {
      description: 'Seconds the oldest waiting task has waited (`queue_oldest_waiting_seconds`).',
    },
    BACKUP_AGE: {
      description: 'Hours since the last good backup (`backup_age_hours`); no samples, no alert.',
    },
  },
});
registerEnumType(AlertComparison, {
  name: 'AlertComparison',
  description: 'Which side of the threshold is bad.',
});
registerEnumType(AlertSeverity, {
  name: 'AlertSeverity',
  description: 'How urgent an alert of the rule is.',
});
registerEnumType(AlertState, {
  name: 'AlertState',
  description: 'A rule now: OK, PENDING (the condition holds, not yet for `forSeconds`) or FIRING.',
});
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description: 'An alert (one episode of a rule) over its life; RESOLVED is its end.',
});
registerEnumType(AlertNotifier, {
  name: 'AlertNotifier',
  description:
    'Where FIRING and RESOLVED go: the dashboard (its bell), email to ALERT_EMAIL_TO, and ADMIN webhook endpoints subscribed to alert.firing / alert.resolved.',
});
