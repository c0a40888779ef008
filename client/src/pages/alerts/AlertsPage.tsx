import { useQuery } from '@apollo/client/react';
import { useFreshness } from '../../apollo/useFreshness';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { graphql } from '../../gql';
import { AlertHistory } from './AlertHistory';
import { AlertList } from './AlertList';
import { ActiveAlertsDocument } from './alerts.operations';
import { RuleForm } from './RuleForm';
import { RulesTable } from './RulesTable';
import { SilencesPanel } from './SilencesPanel';

export const AlertsPageRulesQuery = graphql(`
  query AlertsPageRules {
    alertRules {
      id
      name
      ...RulesTable_rule
    }
  }
`);

/** Alerting (ADMIN): what is wrong now, the rules that watch, silences, and the history. */
export default function AlertsPage() {
  const active = useQuery(ActiveAlertsDocument);
  const rules = useQuery(AlertsPageRulesQuery);
  const activeFreshness = useFreshness(ActiveAlertsDocument);
  const rulesFreshness = useFreshness(AlertsPageRulesQuery);
  const alerts = active.data?.activeAlerts ?? [];
  const ruleRows = rules.data?.alertRules ?? [];

  return (
    <section className="page" aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <section aria-labelledby="active-title">
        <h2 id="active-title">
          Active now {active.data && <span className="muted">({alerts.length})</span>}
        </h2>
        <Fresh freshness={activeFreshness}>
          {active.loading && !active.data && <Loading label="Loading active alerts" />}
          {active.error && !active.data && (
            <ErrorMessage error={active.error} title="Could not load alerts" />
          )}
          {active.data && alerts.length === 0 && (
            <EmptyState title="All clear">No rule is pending or firing.</EmptyState>
          )}
          <AlertList alerts={alerts} stale={activeFreshness.stale} />
        </Fresh>
      </section>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        <Fresh freshness={rulesFreshness}>
          {rules.loading && !rules.data && <Loading label="Loading rules" />}
          {rules.error && !rules.data && (
            <ErrorMessage
              error={rules.error}
              title="Could not load rules"
              onRetry={() => void rules.refetch()}
            />
          )}
          {ruleRows.length > 0 && <RulesTable rules={ruleRows} stale={rulesFreshness.stale} />}
        </Fresh>
        <details className="card">
          <summary>New rule</summary>
          <RuleForm />
        </details>
      </section>
      <SilencesPanel rules={ruleRows} />
      <AlertHistory />
    </section>
  );
}
