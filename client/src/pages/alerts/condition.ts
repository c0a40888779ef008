import type { RulesTable_RuleFragment } from '../../gql/graphql';

const SUBJECT: Record<RulesTable_RuleFragment['kind'], (r: RulesTable_RuleFragment) => string> = {
  METRIC_THRESHOLD: (r) => `${r.metric}${r.service ? ` of ${r.service}` : ''}`,
  SERVICE_DOWN: (r) => `${r.service ?? 'any service'} down`,
  ERROR_GROUP: () => 'new or reopened error group, per minute',
  QUEUE_WAITING: () => 'tasks waiting',
  QUEUE_OLDEST_WAITING: () => 'oldest waiting task, seconds',
  BACKUP_AGE: () => 'hours since the last good backup',
};

/** A rule's condition in one line: "http_error_rate above 0.05 for 300 s". */
export function describeCondition(rule: RulesTable_RuleFragment): string {
  const subject = SUBJECT[rule.kind](rule);
  const test = rule.kind === 'SERVICE_DOWN' ? '' : ` ${rule.comparison.toLowerCase()} ${rule.threshold}`;
  return `${subject}${test} for ${rule.forSeconds} s`;
}
