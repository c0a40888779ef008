import { oneOf, optionalText, requiredText } from '@trae/kit';
import { z } from 'zod';
import { METRIC_NAMES } from '../metric/metric-names.js';
import { AlertComparison, AlertNotifier, AlertRuleKind, AlertSeverity } from './alert.enums.js';

const WEEK = 7 * 86_400;
const DURATION = { error: `must be a whole number of seconds from 0 to ${WEEK} (7 days)` };
const duration = z.number().int(DURATION).min(0, DURATION).max(WEEK, DURATION);
/** Left out or null (the input's fields are nullable with defaults), the default. */
const or = <S extends z.ZodType>(schema: S, fallback: z.output<S>) =>
  schema.nullish().transform((v) => (v ?? fallback) as z.output<S>);
const values = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

/** What an `AlertRuleInput` must be beyond its GraphQL types. */
export const alertRuleSchema = z
  .object({
    name: requiredText(120),
    description: optionalText(2_000),
    kind: oneOf(values(AlertRuleKind)),
    severity: or(oneOf(values(AlertSeverity)), 'WARNING'),
    metric: z
      .string()
      .trim()
      .nullish()
      .transform((m) => m || null),
    service: optionalText(64),
    comparison: or(oneOf(values(AlertComparison)), 'ABOVE'),
    threshold: z.number({ error: 'must be a finite number' }).finite({ error: 'must be a finite number' }),
    forSeconds: or(duration, 60),
    resolveAfterSeconds: or(duration, 60),
    notify: or(z.array(oneOf(values(AlertNotifier))), ['DASHBOARD']).transform((n) => [...new Set(n)]),
    enabled: or(z.boolean(), true),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === 'METRIC_THRESHOLD' && !(rule.metric && METRIC_NAMES.has(rule.metric)))
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `must be a known series: one of ${[...METRIC_NAMES].join(', ')}`,
      });
    if (rule.kind !== 'METRIC_THRESHOLD' && rule.metric)
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: 'only a METRIC_THRESHOLD rule names a metric',
      });
    if (rule.service && rule.kind !== 'METRIC_THRESHOLD' && rule.kind !== 'SERVICE_DOWN')
      ctx.addIssue({
        code: 'custom',
        path: ['service'],
        message: 'only METRIC_THRESHOLD and SERVICE_DOWN rules name a service',
      });
    if (rule.threshold < 0 && rule.kind !== 'METRIC_THRESHOLD')
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'must not be negative' });
  });
export type AlertRuleFields = z.output<typeof alertRuleSchema>;

const SILENCE = { error: `must be a whole number of seconds from 1 to ${WEEK} (7 days)` };
export const silenceSchema = z.object({
  ruleId: z.uuid({ error: 'is not a valid id' }).nullish(),
  durationSeconds: z.number().int(SILENCE).min(1, SILENCE).max(WEEK, SILENCE),
  reason: requiredText(500),
});
