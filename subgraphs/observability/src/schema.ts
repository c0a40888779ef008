import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { AlertResolver } from './modules/alert/alert.resolver.js';
import { AlertRuleResolver } from './modules/alert/alert-rule.resolver.js';
import { ErrorResolver } from './modules/error/error.resolver.js';
import { HealthResolver } from './modules/health/health.resolver.js';
import { LogResolver } from './modules/log/log.resolver.js';
import { MetricResolver } from './modules/metric/metric.resolver.js';

/**
 * Every subscription here opens its stream through `Live` in the context (it counts them and
 * expands batches), so type-graphql's own pub/sub is never used; it only insists on having one.
 */
const unused: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('observability subscriptions subscribe through Live');
  },
};

/** Needs no database: the composition script prints the SDL from this. */
export function buildObservabilitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [HealthResolver, MetricResolver, LogResolver, ErrorResolver, AlertRuleResolver, AlertResolver],
    pubSub: unused,
  });
}
