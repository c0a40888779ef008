import type { Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import type {
  AlertComparison,
  AlertNotifier,
  AlertRuleKind,
  AlertSeverity,
  RulesTable_RuleFragment,
} from '../../gql/graphql';
import { inputFieldError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import {
  type DraftErrors,
  draftOf,
  EMPTY_RULE,
  KIND_FIELDS,
  type RuleDraft,
  validateRule,
} from './alert-validation';
import {
  AlertRuleChoicesDocument,
  CreateAlertRuleDocument,
  UpdateAlertRuleDocument,
} from './alerts.operations';

const KINDS: readonly AlertRuleKind[] = [
  'METRIC_THRESHOLD',
  'SERVICE_DOWN',
  'ERROR_GROUP',
  'QUEUE_WAITING',
  'QUEUE_OLDEST_WAITING',
  'BACKUP_AGE',
];
const SEVERITIES: readonly AlertSeverity[] = ['INFO', 'WARNING', 'CRITICAL'];
const NOTIFIERS: readonly AlertNotifier[] = ['DASHBOARD', 'EMAIL', 'WEBHOOK'];
/** The fields that show their own error; the server's BAD_USER_INPUT on one of them goes there. */
const WITH_ERRORS = [
  'name',
  'description',
  'kind',
  'severity',
  'metric',
  'service',
  'comparison',
  'threshold',
  'forSeconds',
  'resolveAfterSeconds',
  'notify',
] as const satisfies readonly (keyof RuleDraft)[];
const THRESHOLD_HINT: Partial<Record<AlertRuleKind, string>> = {
  ERROR_GROUP: 'Occurrences per minute of a new or reopened error group; 0: any such group fires.',
  QUEUE_WAITING: 'Tasks waiting in the queues.',
  QUEUE_OLDEST_WAITING: 'Seconds the oldest waiting task has waited.',
  BACKUP_AGE: 'Hours since the last good backup.',
};

interface Props {
  /** Edits this rule; without it, creates one. */
  rule?: RulesTable_RuleFragment;
  onDone?: () => void;
}

/** Create or edit an alert rule; checked here as the server checks it, then by the server. */
export function RuleForm({ rule, onDone }: Props) {
  const choices = useQuery(AlertRuleChoicesDocument);
  const [draft, setDraft] = useState<RuleDraft>(rule ? draftOf(rule) : EMPTY_RULE);
  const [errors, setErrors] = useState<DraftErrors<RuleDraft>>({});
  /** The server refused a field, now shown beside it rather than above the buttons. */
  const [besideField, setBesideField] = useState(false);
  const [create, created] = useMutation(CreateAlertRuleDocument, {
    update(cache, { data }) {
      if (!data) return;
      const ref = cache.identify(data.createAlertRule);
      if (!ref) return;
      // The rules list is not paged: the new rule joins its end, as the server orders it.
      cache.modify({
        fields: {
          alertRules: (existing: readonly Reference[]) => [...existing, { __ref: ref }],
        },
      });
    },
  });
  const [update, updated] = useMutation(UpdateAlertRuleDocument);
  const metrics = choices.data?.metricNames ?? [];
  const services = (choices.data?.systemHealth.components ?? []).filter((c) => c.kind === 'SERVICE');
  const uses = KIND_FIELDS[draft.kind];
  const metricUnit = metrics.find((m) => m.name === draft.metric)?.unit;
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const id = rule?.id ?? 'new';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { input, errors: found } = validateRule(draft, new Set(metrics.map((m) => m.name)));
    setErrors(found);
    setBesideField(false);
    if (!input) return;
    try {
      if (rule) await update({ variables: { id: rule.id, input } });
      else await create({ variables: { input } });
      if (!rule) setDraft(EMPTY_RULE);
      onDone?.();
    } catch (error) {
      const named = inputFieldError(error, WITH_ERRORS);
      if (named) setErrors({ [named.field]: named.message });
      setBesideField(named !== null);
    }
  }

  const failure = created.error ?? updated.error;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={rule ? `Edit ${rule.name}` : 'New rule'}>
      <Field label="Name" error={errors.name}>
        {(c) => <input {...c} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label="Description" error={errors.description}>
        {(c) => (
          <textarea
            {...c}
            rows={2}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Kind" error={errors.kind}>
          {(c) => (
            <select
              {...c}
              value={draft.kind}
              onChange={(e) => set({ kind: e.target.value as AlertRuleKind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {humanize(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Severity" error={errors.severity}>
          {(c) => (
            <select
              {...c}
              value={draft.severity}
              onChange={(e) => set({ severity: e.target.value as AlertSeverity })}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {(uses.metric || uses.service) && (
        <div className="form-row">
          {uses.metric && (
            <Field label="Metric" error={errors.metric}>
              {(c) => (
                <select {...c} value={draft.metric} onChange={(e) => set({ metric: e.target.value })}>
                  <option value="">Choose a series</option>
                  {metrics.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.name} ({m.description})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Service" error={errors.service}>
            {(c) => (
              <select {...c} value={draft.service} onChange={(e) => set({ service: e.target.value })}>
                <option value="">{uses.metric ? 'Any (the worst one)' : 'Any service'}</option>
                {services.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {uses.threshold && (
        <div className="form-row">
          <Field label="Comparison" error={errors.comparison}>
            {(c) => (
              <select
                {...c}
                value={draft.comparison}
                onChange={(e) => set({ comparison: e.target.value as AlertComparison })}
              >
                <option value="ABOVE">Above</option>
                <option value="BELOW">Below</option>
              </select>
            )}
          </Field>
          <Field
            label="Threshold"
            error={errors.threshold}
            hint={uses.metric ? (metricUnit ? `In ${metricUnit}.` : undefined) : THRESHOLD_HINT[draft.kind]}
          >
            {(c) => (
              <input
                {...c}
                inputMode="decimal"
                value={draft.threshold}
                onChange={(e) => set({ threshold: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <div className="form-row">
        <Field label="For (seconds)" error={errors.forSeconds} hint="How long it must hold before it fires.">
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              value={draft.forSeconds}
              onChange={(e) => set({ forSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Resolve after (seconds)"
          error={errors.resolveAfterSeconds}
          hint="How long it must be clear before it resolves."
        >
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              value={draft.resolveAfterSeconds}
              onChange={(e) => set({ resolveAfterSeconds: e.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset" aria-describedby={errors.notify ? `notify-error-${id}` : undefined}>
        <legend>Notify</legend>
        {NOTIFIERS.map((n) => (
          <label key={n} className="checkbox">
            <input
              type="checkbox"
              checked={draft.notify.includes(n)}
              onChange={(e) =>
                set({ notify: e.target.checked ? [...draft.notify, n] : draft.notify.filter((x) => x !== n) })
              }
            />
            {humanize(n)}
          </label>
        ))}
        {errors.notify && (
          <span id={`notify-error-${id}`} className="field-error">
            Notify: {errors.notify}
          </span>
        )}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Enabled
      </label>
      {failure && !besideField && (
        <ErrorMessage
          error={failure}
          title={rule ? 'Could not save the rule' : 'Could not create the rule'}
        />
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={created.loading || updated.loading}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        {onDone && rule && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
