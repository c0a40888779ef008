import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import type { AlertRuleRowFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { type DraftErrors, type SilenceDraft, validateSilence } from './alert-validation';
import {
  AlertSilencesDocument,
  CreateAlertSilenceDocument,
  ExpireAlertSilenceDocument,
} from './alerts.operations';

const EMPTY: SilenceDraft = { ruleId: '', duration: '1', unit: 'hours', reason: '' };

/** Silences in force: a new one for a rule (or all) with a duration and a reason, and expire early. */
export function SilencesPanel({ rules }: { rules: readonly AlertRuleRowFragment[] }) {
  const { data, error, loading } = useQuery(AlertSilencesDocument);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<DraftErrors<SilenceDraft>>({});
  const [create, created] = useMutation(CreateAlertSilenceDocument, {
    update(cache, { data: made }) {
      if (!made) return;
      cache.updateQuery({ query: AlertSilencesDocument }, (old) =>
        old ? { ...old, alertSilences: [made.createAlertSilence, ...old.alertSilences] } : old,
      );
    },
    // The rule's `silencedUntil` comes from the server; read the rules again.
    refetchQueries: ['AlertRules'],
  });
  const [expire, expired] = useMutation(ExpireAlertSilenceDocument, { refetchQueries: ['AlertRules'] });
  const ruleName = (id: string | null | undefined) =>
    id ? (rules.find((r) => r.id === id)?.name ?? 'a deleted rule') : 'every rule';
  const silences = (data?.alertSilences ?? []).filter((s) => s.active);
  const set = (patch: Partial<SilenceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { input, errors: found } = validateSilence(draft);
    setErrors(found);
    if (!input) return;
    const done = await create({ variables: input }).catch(() => null);
    if (done?.data) setDraft(EMPTY);
  }

  return (
    <section aria-labelledby="silences-title">
      <h2 id="silences-title">Silences</h2>
      <form className="form" onSubmit={submit} noValidate aria-label="New silence">
        <div className="form-row">
          <Field label="Silence">
            {(c) => (
              <select {...c} value={draft.ruleId} onChange={(e) => set({ ruleId: e.target.value })}>
                <option value="">Every rule</option>
                {rules.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-row">
            <Field label="Duration" error={errors.duration}>
              {(c) => (
                <input
                  {...c}
                  inputMode="numeric"
                  value={draft.duration}
                  onChange={(e) => set({ duration: e.target.value })}
                />
              )}
            </Field>
            <Field label="Unit">
              {(c) => (
                <select
                  {...c}
                  value={draft.unit}
                  onChange={(e) => set({ unit: e.target.value as SilenceDraft['unit'] })}
                >
                  <option value="minutes">minutes</option>
                  <option value="hours">hours</option>
                  <option value="days">days</option>
                </select>
              )}
            </Field>
          </div>
        </div>
        <Field label="Reason" error={errors.reason}>
          {(c) => <input {...c} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />}
        </Field>
        {created.error && <ErrorMessage error={created.error} title="Could not create the silence" />}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={created.loading}>
            Create silence
          </button>
        </div>
      </form>
      {error && !data && <ErrorMessage error={error} title="Could not load silences" />}
      {expired.error && <ErrorMessage error={expired.error} title="Could not expire the silence" />}
      {data && silences.length === 0 && !loading && (
        <EmptyState title="No silences">Every rule notifies as configured.</EmptyState>
      )}
      <ul className="list">
        {silences.map((s) => (
          <li key={s.id}>
            <strong>{ruleName(s.ruleId)}</strong> until {formatDateTime(s.endsAt)}: {s.reason}{' '}
            <button
              type="button"
              className="button button-small"
              disabled={expired.loading}
              onClick={() => void expire({ variables: { id: s.id } }).catch(() => undefined)}
            >
              Expire<span className="sr-only"> the silence of {ruleName(s.ruleId)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
