import { graphql } from '../../gql';

export const AlertRuleRowFragment = graphql(`
  fragment AlertRuleRow on AlertRule {
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

export const AlertRowFragment = graphql(`
  fragment AlertRow on Alert {
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
  }
`);

export const AlertSilenceRowFragment = graphql(`
  fragment AlertSilenceRow on AlertSilence {
    id
    ruleId
    reason
    startsAt
    endsAt
    active
  }
`);

export const AlertRulesDocument = graphql(`
  query AlertRules {
    alertRules {
      ...AlertRuleRow
    }
  }
`);

/** What the rule form offers: the series a METRIC_THRESHOLD rule may watch, and the services. */
export const AlertRuleChoicesDocument = graphql(`
  query AlertRuleChoices {
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

export const ActiveAlertsDocument = graphql(`
  query ActiveAlerts {
    activeAlerts {
      ...AlertRow
    }
  }
`);

export const AlertHistoryDocument = graphql(`
  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {
    alerts(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AlertRow
        }
      }
    }
  }
`);

export const AlertSilencesDocument = graphql(`
  query AlertSilences {
    alertSilences {
      ...AlertSilenceRow
    }
  }
`);

/** Every status change; the rule's new state rides along, so the rules table moves live too. */
export const AlertChangedDocument = graphql(`
  subscription AlertChanged {
    alertChanged {
      ...AlertRow
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
      ...AlertRuleRow
    }
  }
`);

export const UpdateAlertRuleDocument = graphql(`
  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {
    updateAlertRule(id: $id, input: $input) {
      ...AlertRuleRow
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
      ...AlertRuleRow
    }
  }
`);

export const CreateAlertSilenceDocument = graphql(`
  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {
    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {
      ...AlertSilenceRow
    }
  }
`);

export const ExpireAlertSilenceDocument = graphql(`
  mutation ExpireAlertSilence($id: ID!) {
    expireAlertSilence(id: $id) {
      ...AlertSilenceRow
    }
  }
`);
