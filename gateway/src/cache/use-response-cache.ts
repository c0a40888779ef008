import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Principal } from '@trae/kit';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context.js';

/**
 * Whose PRIVATE answers these are: the user, under the role and API key they came with (a key's role
 * caps its owner's, so the two must not share answers). Guests have none, so nothing PRIVATE is kept.
 */
export function cacheSession(principal: Principal): string | null {
  return principal.id ? `${principal.id}:${principal.role}:${principal.apiKeyId ?? ''}` : null;
}

/**
 * Caches whole query answers in Redis for as long as every subgraph involved allows: each subgraph's
 * `Cache-Control` (its `@cacheControl` hints) restricts the operation's policy, so one uncacheable field
 * makes the answer uncacheable. PUBLIC answers are shared by every caller, PRIVATE ones kept per
 * `cacheSession`. Mutations, answers with errors and subscriptions are never cached.
 *
 * Redis is asked only for documents this instance has seen answered cacheable, so operations that
 * never are (most) cost no round trip.
 */
export function useResponseCache(cache: KeyValueCache<string>): ApolloServerPlugin<GatewayContext>[] {
  const cacheable = new LRUCache<string, true>({ max: 10_000 });
  const learn: ApolloServerPlugin<GatewayContext> = {
    requestDidStart: async () => ({
      willSendResponse: async ({ queryHash, operation, overallCachePolicy }) => {
        if (queryHash && operation?.operation === 'query' && overallCachePolicy.policyIfCacheable())
          cacheable.set(queryHash, true);
      },
    }),
  };
  const responses = responseCachePlugin<GatewayContext>({
    cache,
    sessionId: async ({ contextValue }) => cacheSession(contextValue.principal),
    shouldReadFromCache: async ({ queryHash }) => queryHash !== undefined && cacheable.has(queryHash),
  });
  return [learn, responses];
}
