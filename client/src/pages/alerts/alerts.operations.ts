import { graphql } from '../../gql';

/** What the rule form offers: the series a METRIC_THRESHOLD rule may watch, and the services. */
export const AlertRuleChoicesDocument = graphql(`
  query RuleFormChoices {
    metricNames {
      name
      description
      unit
    }
    systemHealth {
      components {
        name
        kind
      }
    }
  }
`);

/** What is pending or firing: the bell and the page read it, `useAlertFeed` keeps it live. */
export const ActiveAlertsDocument = graphql(`
  query ActiveAlerts {
    activeAlerts {
      id
      status
      ...AlertList_alert
    }
  }
`);

/** Every status change; the rule's new state rides along, so the rules table moves live too. */
export const AlertChangedDocument = graphql(`
  subscription AlertChanged {
    alertChanged {
      id
      ruleId
      name
      severity
      status
      summary
      value
      startedAt
      firingAt
      resolvedAt
      silenced
      ...AlertList_alert
      rule {
        id
        state
        value
        lastEvaluatedAt
        silencedUntil
      }
    }
  }
`);

export const CreateAlertRuleDocument = graphql(`
  mutation CreateAlertRule($input: AlertRuleInput!) {
    createAlertRule(input: $input) {
      ...RulesTable_rule
    }
  }
`);

export const UpdateAlertRuleDocument = graphql(`
  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {
    updateAlertRule(id: $id, input: $input) {
      ...RulesTable_rule
    }
  }
`);

export const DeleteAlertRuleDocument = graphql(`
  mutation DeleteAlertRule($id: ID!) {
    deleteAlertRule(id: $id)
  }
`);

export const SetAlertRuleEnabledDocument = graphql(`
  mutation SetAlertRuleEnabled($id: ID!, $enabled: Boolean!) {
    setAlertRuleEnabled(id: $id, enabled: $enabled) {
      ...RulesTable_rule
    }
  }
`);

export const CreateAlertSilenceDocument = graphql(`
  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {
    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {
      id
      ruleId
      reason
      startsAt
      endsAt
      active
    }
  }
`);

export const ExpireAlertSilenceDocument = graphql(`
  mutation ExpireAlertSilence($id: ID!) {
    expireAlertSilence(id: $id) {
      id
      ruleId
      reason
      startsAt
      endsAt
      active
    }
  }
`);
