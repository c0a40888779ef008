import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DeleteAlertRuleDocument, SetAlertRuleEnabledDocument } from './alerts.operations';
import { describeCondition } from './condition';
import { RuleForm } from './RuleForm';

/** A rule as the table shows it and its edit form starts from. */
export const RulesTable_rule = graphql(`
  fragment RulesTable_rule on AlertRule {
    id
    name
    description
    kind
    severity
    enabled
    builtIn
    metric
    service
    comparison
    threshold
    forSeconds
    resolveAfterSeconds
    notify
    state
    value
    lastEvaluatedAt
    silencedUntil
  }
`);

const STATE_TONE = { OK: 'ok', PENDING: 'warn', FIRING: 'bad' } as const;

/** Every rule with its live state, an enable switch, and edit / delete (built-in rules only disable). */
export function RulesTable(props: {
  rules: readonly FragmentType<typeof RulesTable_rule>[];
  stale: boolean;
}) {
  const { stale } = props;
  const rules = getFragmentData(RulesTable_rule, props.rules);
  const [editing, setEditing] = useState<string | null>(null);
  const [setEnabled, toggled] = useMutation(SetAlertRuleEnabledDocument);
  const [remove, removed] = useMutation(DeleteAlertRuleDocument, {
    update(cache, { data }, { variables }) {
      if (!data?.deleteAlertRule || !variables) return;
      cache.evict({ id: cache.identify({ __typename: 'AlertRule', id: variables.id }) });
      cache.gc();
    },
  });
  const rule = rules.find((r) => r.id === editing);
  const failure = toggled.error ?? removed.error;

  return (
    <>
      {rule && (
        <section className="card" aria-labelledby="edit-rule-title">
          <h3 id="edit-rule-title">Edit {rule.name}</h3>
          <RuleForm key={rule.id} rule={rule} onDone={() => setEditing(null)} />
        </section>
      )}
      {failure && <ErrorMessage error={failure} title="Could not change the rule" />}
      <TableScroll label="Alert rules">
        <table>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Condition</th>
              <th scope="col">State</th>
              <th scope="col">Value</th>
              <th scope="col">Enabled</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} id={`rule-${r.id}`}>
                <th scope="row">
                  {r.name} {r.builtIn && <span className="muted">(built in)</span>}
                  {r.silencedUntil && (
                    <div className="muted" title={r.silencedUntil}>
                      silenced until {formatDateTime(r.silencedUntil)}
                    </div>
                  )}
                </th>
                <td>
                  {describeCondition(r)}
                  <div className="muted">{r.severity.toLowerCase()}</div>
                </td>
                <td>
                  <StatusBadge
                    status={r.enabled ? r.state : 'DISABLED'}
                    tone={r.enabled ? STATE_TONE[r.state] : 'neutral'}
                    stale={stale}
                  />
                  {r.lastEvaluatedAt && (
                    <div className="muted" title={r.lastEvaluatedAt}>
                      checked {formatRelative(r.lastEvaluatedAt)}
                    </div>
                  )}
                </td>
                <td>{r.value ?? '—'}</td>
                <td>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={r.enabled}
                      disabled={toggled.loading}
                      onChange={(e) =>
                        void setEnabled({ variables: { id: r.id, enabled: e.target.checked } }).catch(
                          () => undefined,
                        )
                      }
                    />
                    <span className="sr-only">Enabled: {r.name}</span>
                  </label>
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="button button-small" onClick={() => setEditing(r.id)}>
                      Edit<span className="sr-only"> {r.name}</span>
                    </button>
                    {!r.builtIn && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={removed.loading}
                        onClick={() => {
                          if (window.confirm(`Delete the rule “${r.name}”? Its history stays.`))
                            void remove({ variables: { id: r.id } }).catch(() => undefined);
                        }}
                      >
                        Delete<span className="sr-only"> {r.name}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
