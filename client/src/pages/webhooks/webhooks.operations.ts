import { graphql } from '../../gql';

/** The secret is in this answer only; the endpoint's row joins the cached lists (see CreateEndpointForm). */
export const CreateWebhookEndpointDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
        ...EndpointRow_endpoint
      }
    }
  }
`);

export const SetWebhookEndpointDisabledDocument = graphql(`
  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {
    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {
      id
      ...EndpointStatus_endpoint
      ...EndpointActions_endpoint
    }
  }
`);

export const DeleteWebhookEndpointDocument = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

/** The agents a CREATE_TASK source may hand its payloads to, and what each can do. */
export const WebhookSourceAgentsDocument = graphql(`
  query CreateSourceFormAgents {
    agents {
      id
      name
      status
      capabilities
    }
  }
`);

export const CreateWebhookSourceDocument = graphql(`
  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {
    createWebhookSource(input: $input) {
      secret
      source {
        id
        name
        ...SourceRow_source
      }
    }
  }
`);

export const RotateWebhookSourceSecretDocument = graphql(`
  mutation RotateWebhookSourceSecret($id: ID!) {
    rotateWebhookSourceSecret(id: $id) {
      secret
      source {
        id
        secretCount
      }
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
