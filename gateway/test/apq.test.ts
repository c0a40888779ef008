import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql as tag } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { testRedisPrefix } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './support/documents.js';
import { type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

const QUERY = '{ me { requestId } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Apollo Client with its persisted-queries link, counting what goes over the wire. */
function apolloClient(url: string) {
  const bodies: { query?: string; extensions?: unknown }[] = [];
  const fetchCounting: typeof fetch = (input, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    return fetch(input, init);
  };
  const link = new PersistedQueryLink({ sha256 }).concat(
    new HttpLink({ uri: `${url}/graphql`, fetch: fetchCounting }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), bodies };
}

describe('automatic persisted queries, stored in Redis for every gateway', () => {
  let stack: Stack;
  let a: RunningGateway;
  let b: RunningGateway;
  let off: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    // A and B are two instances of one deployment: one Redis prefix.
    const shared = { REDIS_PREFIX: testRedisPrefix('apq') };
    [a, b, off] = await Promise.all([
      startGateway(stack, shared),
      startGateway(stack, shared),
      startGateway(stack, { APQ: 'off' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a, b, off].map((g) => g?.stop()));
    await stack?.stop();
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then serves it on every instance once registered', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256(QUERY) };

    const unknown = await post(a.url, { extensions: { persistedQuery } });
    const register = await post(a.url, { query: QUERY, extensions: { persistedQuery } });
    const elsewhere = await post(b.url, { extensions: { persistedQuery } });

    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
    expect(register.body.errors).toBeUndefined();
    expect(elsewhere.body.errors).toBeUndefined();
    expect(elsewhere.body.data).toEqual({ me: { requestId: expect.any(String) } });
    expect(await a.redis.ttl(`apq:${persistedQuery.sha256Hash}`)).toBeGreaterThan(86_400);
  });

  it('refuses a hash that does not match the query', async () => {
    const res = await post(a.url, {
      query: QUERY,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
    });

    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("speaks Apollo Client's persisted-queries link: one retry with the text, then hashes only", async () => {
    const query = tag`query Who { me { authorization } }`;
    const first = apolloClient(a.url);
    const second = apolloClient(b.url);

    const one = await first.client.query({ query, fetchPolicy: 'network-only' });
    const two = await second.client.query({ query, fetchPolicy: 'network-only' });

    expect(one.data).toEqual({ me: { __typename: 'RequestInfo', authorization: null } });
    expect(two.data).toEqual(one.data);
    expect(first.bodies.map((body) => body.query === undefined)).toEqual([true, false]);
    expect(second.bodies.map((body) => body.query === undefined)).toEqual([true]);
  });

  it('says PERSISTED_QUERY_NOT_SUPPORTED with APQ=off, and Apollo Client falls back to full queries', async () => {
    const res = await post(off.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } },
    });
    const { client, bodies } = apolloClient(off.url);

    const result = await client.query({ query: tag`{ me { requestId } }` });

    expect(res.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(result.data).toEqual({ me: { __typename: 'RequestInfo', requestId: expect.any(String) } });
    expect(bodies.at(-1)?.query).toContain('requestId');
  });
});
