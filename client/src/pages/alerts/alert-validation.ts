import type {
  AlertComparison,
  AlertNotifier,
  AlertRuleInput,
  AlertRuleKind,
  AlertSeverity,
  RulesTable_RuleFragment,
} from '../../gql/graphql';

/**
 * The checks the observability service makes on an AlertRuleInput and a silence
 * (subgraphs/observability/src/modules/alert/alert.schema.ts), run before sending so the form
 * names the field at once; the server stays the authority and its BAD_USER_INPUT is shown too.
 */
const WEEK_SECONDS = 7 * 86_400;

export interface RuleDraft {
  name: string;
  description: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  metric: string;
  service: string;
  comparison: AlertComparison;
  threshold: string;
  forSeconds: string;
  resolveAfterSeconds: string;
  notify: AlertNotifier[];
  enabled: boolean;
}

export type DraftErrors<T> = Partial<Record<keyof T, string>>;

export const EMPTY_RULE: RuleDraft = {
  name: '',
  description: '',
  kind: 'METRIC_THRESHOLD',
  severity: 'WARNING',
  metric: '',
  service: '',
  comparison: 'ABOVE',
  threshold: '',
  forSeconds: '60',
  resolveAfterSeconds: '60',
  notify: ['DASHBOARD'],
  enabled: true,
};

/** Which fields a kind uses: a metric, a service, a threshold (SERVICE_DOWN's is fixed at 0). */
export const KIND_FIELDS: Record<AlertRuleKind, { metric: boolean; service: boolean; threshold: boolean }> = {
  METRIC_THRESHOLD: { metric: true, service: true, threshold: true },
  SERVICE_DOWN: { metric: false, service: true, threshold: false },
  ERROR_GROUP: { metric: false, service: false, threshold: true },
  QUEUE_WAITING: { metric: false, service: false, threshold: true },
  QUEUE_OLDEST_WAITING: { metric: false, service: false, threshold: true },
  BACKUP_AGE: { metric: false, service: false, threshold: true },
};

const DURATION = `must be a whole number of seconds from 0 to ${WEEK_SECONDS} (7 days)`;

function wholeSeconds(text: string, min: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= WEEK_SECONDS ? n : null;
}

export function validateRule(
  draft: RuleDraft,
  metricNames: ReadonlySet<string>,
): { input: AlertRuleInput | null; errors: DraftErrors<RuleDraft> } {
  const errors: DraftErrors<RuleDraft> = {};
  const uses = KIND_FIELDS[draft.kind];
  const name = draft.name.trim();
  if (!name) errors.name = 'must not be empty';
  else if (name.length > 120) errors.name = 'must be at most 120 characters';
  if (draft.description.trim().length > 2_000) errors.description = 'must be at most 2000 characters';
  if (uses.metric && !metricNames.has(draft.metric)) errors.metric = 'must be a known series';
  if (draft.service.trim().length > 64) errors.service = 'must be at most 64 characters';
  const threshold = uses.threshold ? Number(draft.threshold) : 0;
  if (uses.threshold && (draft.threshold.trim() === '' || !Number.isFinite(threshold)))
    errors.threshold = 'must be a finite number';
  else if (threshold < 0 && draft.kind !== 'METRIC_THRESHOLD') errors.threshold = 'must not be negative';
  const forSeconds = wholeSeconds(draft.forSeconds, 0);
  if (forSeconds === null) errors.forSeconds = DURATION;
  const resolveAfterSeconds = wholeSeconds(draft.resolveAfterSeconds, 0);
  if (resolveAfterSeconds === null) errors.resolveAfterSeconds = DURATION;
  if (draft.notify.length === 0) errors.notify = 'choose at least one';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors,
    input: {
      name,
      description: draft.description.trim() || null,
      kind: draft.kind,
      severity: draft.severity,
      metric: uses.metric ? draft.metric : null,
      service: uses.service ? draft.service.trim() || null : null,
      comparison: draft.comparison,
      threshold,
      forSeconds,
      resolveAfterSeconds,
      notify: draft.notify,
      enabled: draft.enabled,
    },
  };
}

export interface SilenceDraft {
  /** '' silences every rule. */
  ruleId: string;
  duration: string;
  unit: 'minutes' | 'hours' | 'days';
  reason: string;
}

const UNIT_SECONDS = { minutes: 60, hours: 3_600, days: 86_400 } as const;

export function validateSilence(draft: SilenceDraft): {
  input: { ruleId: string | null; durationSeconds: number; reason: string } | null;
  errors: DraftErrors<SilenceDraft>;
} {
  const errors: DraftErrors<SilenceDraft> = {};
  const seconds = Number(draft.duration) * UNIT_SECONDS[draft.unit];
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > WEEK_SECONDS)
    errors.duration = 'must be a whole number of seconds from 1 s to 7 days';
  const reason = draft.reason.trim();
  if (!reason) errors.reason = 'must not be empty';
  else if (reason.length > 500) errors.reason = 'must be at most 500 characters';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { ruleId: draft.ruleId || null, durationSeconds: seconds, reason }, errors };
}

/** A rule as the form edits it. */
export function draftOf(rule: RulesTable_RuleFragment): RuleDraft {
  return {
    name: rule.name,
    description: rule.description ?? '',
    kind: rule.kind,
    severity: rule.severity,
    metric: rule.metric ?? '',
    service: rule.service ?? '',
    comparison: rule.comparison,
    threshold: String(rule.threshold),
    forSeconds: String(rule.forSeconds),
    resolveAfterSeconds: String(rule.resolveAfterSeconds),
    notify: [...rule.notify],
    enabled: rule.enabled,
  };
}
