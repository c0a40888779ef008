import type { AlertRule } from './alert-rule.entity.js';

/** A series' latest value per service, as the evaluation reads it. */
export interface LatestSample {
  service: string;
  name: string;
  value: number;
}

/** An error group that is new or came back within the window, and how often it happened since. */
export interface ErrorBurst {
  type: string;
  service: string;
  message: string;
  reopened: boolean;
  /** Occurrences per minute since it appeared or reopened. */
  perMinute: number;
}

export interface Inputs {
  samples: LatestSample[];
  errors: ErrorBurst[];
}

export interface Verdict {
  holds: boolean;
  value: number | null;
  summary: string;
}

type Rule = Pick<AlertRule, 'kind' | 'metric' | 'service' | 'comparison' | 'threshold'>;

/** The series each kind reads (METRIC_THRESHOLD names its own; queues and backups are the tasks service's). */
export const SERIES_OF = {
  SERVICE_DOWN: 'up',
  QUEUE_WAITING: 'queue_waiting',
  QUEUE_OLDEST_WAITING: 'queue_oldest_waiting_seconds',
  BACKUP_AGE: 'backup_age_hours',
} as const;

const round = (n: number) => Number(n.toPrecision(4));

/** Whether the rule's condition holds on these inputs, the value it saw and why, in words. */
export function evaluate(rule: Rule, inputs: Inputs): Verdict {
  switch (rule.kind) {
    case 'SERVICE_DOWN':
      return serviceDown(rule, inputs.samples);
    case 'ERROR_GROUP':
      return errorBursts(rule, inputs.errors);
    case 'METRIC_THRESHOLD':
      return threshold(rule, rule.metric ?? '', rule.service, inputs.samples);
    default:
      return threshold(rule, SERIES_OF[rule.kind], 'tasks', inputs.samples);
  }
}

function serviceDown(rule: Rule, samples: LatestSample[]): Verdict {
  const up = samples.filter((s) => s.name === 'up' && (!rule.service || s.service === rule.service));
  if (!up.length) return { holds: false, value: null, summary: 'No scrape results' };
  const down = up.filter((s) => s.value === 0).map((s) => s.service);
  return {
    holds: down.length > 0,
    value: down.length,
    summary: down.length ? `Down: ${down.join(', ')}` : `Up: ${up.map((s) => s.service).join(', ')}`,
  };
}

/**
 * ABOVE compares the highest value over the services, BELOW the lowest: the worst one decides, so a
 * rule on every service fires when any one of them is past the threshold.
 */
function threshold(rule: Rule, name: string, service: string | null, samples: LatestSample[]): Verdict {
  const seen = samples.filter((s) => s.name === name && (!service || s.service === service));
  if (!seen.length) return { holds: false, value: null, summary: `No recent ${name} samples` };
  const above = rule.comparison === 'ABOVE';
  const worst = seen.reduce((w, s) => ((above ? s.value > w.value : s.value < w.value) ? s : w));
  const holds = above ? worst.value > rule.threshold : worst.value < rule.threshold;
  const side = above ? 'above' : 'below';
  return {
    holds,
    value: worst.value,
    summary: `${name} on ${worst.service} is ${round(worst.value)} (${holds ? '' : 'not '}${side} ${rule.threshold})`,
  };
}

function errorBursts(rule: Rule, errors: ErrorBurst[]): Verdict {
  const hot = errors.filter((e) => e.perMinute > rule.threshold || rule.threshold <= 0);
  if (!hot.length)
    return { holds: false, value: errors.length ? 0 : null, summary: 'No new or reopened error groups' };
  const top = hot.reduce((a, b) => (b.perMinute > a.perMinute ? b : a));
  const more = hot.length > 1 ? ` (and ${hot.length - 1} more)` : '';
  return {
    holds: true,
    value: round(top.perMinute),
    summary: `${top.reopened ? 'Reopened' : 'New'} error group in ${top.service}: ${top.type}: ${top.message.slice(0, 200)} (${round(top.perMinute)}/min)${more}`,
  };
}
