import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import { federationReferences } from './modules/federation/federation.reference.js';
import { UserWebhookSourcesResolver } from './modules/federation/user-webhook-sources.resolver.js';
import { webhookSourceReference } from './modules/webhook-source/webhook-source.reference.js';
import { WebhookSourceResolver } from './modules/webhook-source/webhook-source.resolver.js';

/** Needs no database: the composition script prints the SDL from this. */
export function buildWebhooksSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WebhookSourceResolver, UserWebhookSourcesResolver],
    referenceResolvers: { ...webhookSourceReference, ...federationReferences },
  });
}
