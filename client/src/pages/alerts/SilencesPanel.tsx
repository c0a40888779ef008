import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { type DraftErrors, type SilenceDraft, validateSilence } from './alert-validation';
import { CreateAlertSilenceDocument, ExpireAlertSilenceDocument } from './alerts.operations';

export const SilencesPanelQuery = graphql(`
  query SilencesPanel {
    alertSilences {
      id
      ruleId
      reason
      startsAt
      endsAt
      active
    }
  }
`);

interface RuleName {
  id: string;
  name: string;
}

/**
 * A rule's `silencedUntil` is the end of the latest silence in force on it (its own, or one on every
 * rule): worked out from the silences the panel holds, rather than the rules read again.
 */
export function markSilenced(cache: ApolloCache, rules: readonly RuleName[]) {
  const silences = (cache.readQuery({ query: SilencesPanelQuery })?.alertSilences ?? []).filter(
    (s) => s.active,
  );
  for (const rule of rules) {
    const ends = silences.filter((s) => s.ruleId === null || s.ruleId === rule.id).map((s) => s.endsAt);
    const until = ends.length ? ends.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null;
    cache.modify({
      id: cache.identify({ __typename: 'AlertRule', id: rule.id }),
      fields: { silencedUntil: () => until },
    });
  }
}

const EMPTY: SilenceDraft = { ruleId: '', duration: '1', unit: 'hours', reason: '' };

/** Silences in force: a new one for a rule (or all) with a duration and a reason, and expire early. */
export function SilencesPanel({ rules }: { rules: readonly RuleName[] }) {
  const { data, error, loading } = useQuery(SilencesPanelQuery);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<DraftErrors<SilenceDraft>>({});
  const [create, created] = useMutation(CreateAlertSilenceDocument, {
    update(cache, { data: made }) {
      if (!made) return;
      cache.updateQuery({ query: SilencesPanelQuery }, (old) =>
        old ? { ...old, alertSilences: [made.createAlertSilence, ...old.alertSilences] } : old,
      );
      markSilenced(cache, rules);
    },
  });
  // The answer is the silence, no longer active (merged by id); the rules it covered follow.
  const [expire, expired] = useMutation(ExpireAlertSilenceDocument, {
    update: (cache) => markSilenced(cache, rules),
  });
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
