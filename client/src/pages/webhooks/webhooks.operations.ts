import { graphql } from '../../gql';

export const WebhookEndpointRowFragment = graphql(`
  fragment WebhookEndpointRow on WebhookEndpoint {
    id
    url
    eventTypes
    status
    disabledReason
    createdAt
  }
`);

export const WebhookEndpointsDocument = graphql(`
  query WebhookEndpoints($first: Int, $after: String) {
    webhookEndpoints(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WebhookEndpointRow
        }
      }
    }
    webhookEventTypes
  }
`);

export const WebhookEndpointDocument = graphql(`
  query WebhookEndpoint($id: ID!) {
    webhookEndpoint(id: $id) {
      ...WebhookEndpointRow
    }
  }
`);

export const WebhookEndpointAttemptsDocument = graphql(`
  query WebhookEndpointAttempts($endpointId: ID!, $first: Int, $after: String) {
    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          messageId
          eventType
          attempt
          statusCode
          latencyMs
          responseExcerpt
          error
          createdAt
        }
      }
    }
  }
`);

export const CreateWebhookEndpointDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        ...WebhookEndpointRow
      }
    }
  }
`);

export const SetWebhookEndpointDisabledDocument = graphql(`
  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {
    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {
      ...WebhookEndpointRow
    }
  }
`);

export const DeleteWebhookEndpointDocument = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

export const WebhookSourceRowFragment = graphql(`
  fragment WebhookSourceRow on WebhookSource {
    id
    name
    action
    agent
    taskType
    signature
    secretCount
    createdAt
  }
`);

export const WebhookSourcesDocument = graphql(`
  query WebhookSources($first: Int, $after: String) {
    webhookSources(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WebhookSourceRow
        }
      }
    }
  }
`);

/** The agents a CREATE_TASK source may hand its payloads to, and what each can do. */
export const WebhookSourceAgentsDocument = graphql(`
  query WebhookSourceAgents {
    agents {
      id
      name
      status
      capabilities
    }
  }
`);

export const WebhookSourceDocument = graphql(`
  query WebhookSource($id: ID!) {
    webhookSource(id: $id) {
      ...WebhookSourceRow
      owner {
        id
        username
      }
    }
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($sourceId: ID!, $first: Int, $after: String) {
    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...InboundWebhookRow
        }
      }
    }
  }
`);

export const InboundWebhookRowFragment = graphql(`
  fragment InboundWebhookRow on InboundWebhook {
    id
    webhookId
    status
    error
    taskId
    body
    createdAt
  }
`);

export const CreateWebhookSourceDocument = graphql(`
  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {
    createWebhookSource(input: $input) {
      secret
      source {
        ...WebhookSourceRow
      }
    }
  }
`);

export const RotateWebhookSourceSecretDocument = graphql(`
  mutation RotateWebhookSourceSecret($id: ID!) {
    rotateWebhookSourceSecret(id: $id) {
      secret
      source {
        ...WebhookSourceRow
      }
    }
  }
`);

export const ReplayInboundWebhookDocument = graphql(`
  mutation ReplayInboundWebhook($id: ID!) {
    replayInboundWebhook(id: $id) {
      ...InboundWebhookRow
    }
  }
`);

export const SendTestWebhookDocument = graphql(`
  mutation SendTestWebhook($endpointId: ID!) {
    sendTestWebhook(endpointId: $endpointId) {
      messageId
      queued
    }
  }
`);

export const EndpointDisabledNoticesDocument = graphql(`
  subscription EndpointDisabledNotices {
    webhookEndpointDisabled {
      ...WebhookEndpointRow
      disabledAt
    }
  }
`);
