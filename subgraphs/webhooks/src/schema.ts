import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { federationReferences } from './modules/federation/federation.reference.js';
import { UserWebhookSourcesResolver } from './modules/federation/user-webhook-sources.resolver.js';
import { InboundWebhookResolver } from './modules/inbound-webhook/inbound-webhook.resolver.js';
import { WebhookEndpointResolver } from './modules/webhook-endpoint/webhook-endpoint.resolver.js';
import { webhookSourceReference } from './modules/webhook-source/webhook-source.reference.js';
import { WebhookSourceResolver } from './modules/webhook-source/webhook-source.resolver.js';

/** For printing the SDL only: a running server passes the Redis event bus instead. */
const printOnly: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions need the event bus');
  },
};

/** Needs no database: the composition script prints the SDL from this. */
export function buildWebhooksSchema(pubSub: PubSub = printOnly): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      WebhookSourceResolver,
      InboundWebhookResolver,
      WebhookEndpointResolver,
      UserWebhookSourcesResolver,
    ],
    referenceResolvers: { ...webhookSourceReference, ...federationReferences },
    pubSub,
  });
}
