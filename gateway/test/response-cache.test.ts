import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { gql, type RunningGateway, startGateway } from './support/stack.js';
import { type RunningSubgraph, startAccounts, startSubgraph } from './support/subgraphs.js';

/** A subgraph with `@cacheControl` hints; each field counts its calls so a cached answer shows. */
const catalogTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT
  type Query {
    catalog: [String!]! @cacheControl(maxAge: 60)
    mine: String @cacheControl(maxAge: 60, scope: PRIVATE)
    live: Int!
  }
`);
const calls = { catalog: 0, mine: 0, live: 0 };
const catalogResolvers = {
  Query: {
    catalog: () => [`catalog #${++calls.catalog}`],
    mine: (_: unknown, __: unknown, ctx: { authorization: string | null }) =>
      `${ctx.authorization ?? 'guest'} #${++calls.mine}`,
    live: () => ++calls.live,
  },
};

describe('response cache (RESPONSE_CACHE): the subgraphs’ @cacheControl hints, in Redis', () => {
  let identity: IdentityStub;
  let subgraphs: RunningSubgraph[];
  let gateway: RunningGateway;
  let uncached: RunningGateway;
  const bearer = async (sub: string) => ({ authorization: `Bearer ${await identity.sign({ sub })}` });

  beforeAll(async () => {
    identity = await startIdentityStub();
    const [catalog, accounts] = await Promise.all([
      startSubgraph('catalog', catalogTypeDefs, catalogResolvers),
      startAccounts(),
    ]);
    subgraphs = [catalog, accounts];
    const composed = composeServices(
      subgraphs.map((s) => ({ name: s.name, url: `${s.baseUrl}/graphql`, typeDefs: s.typeDefs })),
    );
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    const supergraphPath = join(mkdtempSync(join(tmpdir(), 'gateway-cache-')), 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);
    const stack = { identity, supergraphPath, accounts } as never;
    [gateway, uncached] = await Promise.all([
      startGateway(stack),
      startGateway(stack, { RESPONSE_CACHE: 'off' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway, uncached].map((g) => g?.stop()));
    await Promise.all(subgraphs.map((s) => s.stop()));
    await identity.stop();
  });

  it('answers a PUBLIC query from the cache until its max-age, saying so in Cache-Control and Age', async () => {
    const first = await gql(gateway.url, '{ catalog }');
    const second = await gql(gateway.url, '{ catalog }');
    const third = await gql(gateway.url, '{ catalog }');

    expect(first.body.data).toEqual({ catalog: ['catalog #1'] });
    expect(second.body.data).toEqual(first.body.data);
    expect(third.body.data).toEqual(first.body.data);
    expect(calls.catalog).toBe(1);
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    expect(third.headers.get('age')).toMatch(/^\d+$/);
    const keys = await gateway.redis.keys(`${gateway.prefix}fqc:*`);
    expect(await gateway.redis.ttl(keys[0].slice(gateway.prefix.length))).toBeGreaterThan(50);
  });

  it('keeps PRIVATE answers per user, and none for guests', async () => {
    const [alice, bob] = [await bearer('u1'), await bearer('u2')];

    const a1 = await gql(gateway.url, '{ mine }', alice);
    const b1 = await gql(gateway.url, '{ mine }', bob);
    const a2 = await gql(gateway.url, '{ mine }', alice);
    const b2 = await gql(gateway.url, '{ mine }', bob);
    const guest1 = await gql(gateway.url, '{ mine }');
    const guest2 = await gql(gateway.url, '{ mine }');

    expect(a2.body.data).toEqual(a1.body.data);
    expect(b2.body.data).toEqual(b1.body.data);
    expect(a1.body.data).not.toEqual(b1.body.data);
    expect(String((a1.body.data as { mine: string }).mine)).toContain(alice.authorization);
    expect(guest2.body.data).not.toEqual(guest1.body.data);
    expect(a1.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('caches nothing when one field has no hint, or with RESPONSE_CACHE=off', async () => {
    const mixed = [await gql(gateway.url, '{ catalog live }'), await gql(gateway.url, '{ catalog live }')];
    const off = [await gql(uncached.url, '{ catalog }'), await gql(uncached.url, '{ catalog }')];

    expect(mixed[1].body.data).not.toEqual(mixed[0].body.data);
    expect(mixed[0].headers.get('cache-control')).toBe('no-store');
    expect(off[1].body.data).not.toEqual(off[0].body.data);
  });
});
