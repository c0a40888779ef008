import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

/** `user { reviews { author { reviews ... } } }` nested to exactly `depth` field levels. */
function nestedQuery(depth: number): string {
  let inner = depth % 2 === 0 ? 'username' : 'body';
  for (let level = depth - 1; level >= 2; level -= 1)
    inner = `${level % 2 === 0 ? 'reviews' : 'author'} { ${inner} }`;
  return `{ user(id: "u1") { ${inner} } }`;
}

const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

/** Each fragment spreads the previous one twice: 2^n fields from a tiny document. */
function fragmentBomb(n: number): string {
  const fragments = [`fragment F0 on Query { __typename }`];
  for (let i = 1; i <= n; i += 1) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query Bomb { ...F${n} }\n${fragments.join('\n')}`;
}

async function subgraphFetches(gw: RunningGateway): Promise<number> {
  const metric = await gw.gateway.metrics.registry
    .getSingleMetric('gateway_subgraph_fetch_duration_seconds')
    ?.get();
  return (metric?.values ?? [])
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('query limits', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack);
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('runs an operation at the depth limit (12)', async () => {
    const { status, body } = await gql(gw.url, nestedQuery(12));

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses an operation one level deeper, before any subgraph is called', async () => {
    const fetchesBefore = await subgraphFetches(gw);

    const { status, body } = await gql(gw.url, nestedQuery(13));

    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Query depth exceeds the limit of 12',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await subgraphFetches(gw)).toBe(fetchesBefore);
  });

  it('allows 30 aliases and refuses 31', async () => {
    expect((await gql(gw.url, aliases(30))).body.errors).toBeUndefined();

    const { status, body } = await gql(gw.url, aliases(31));

    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Query uses more than the limit of 30 aliases',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses more than 500 fields, fragments included', async () => {
    const { status, body } = await gql(gw.url, fragmentBomb(20));

    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Query selects more than the limit of 500 fields',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("allows GraphiQL's standard introspection query", async () => {
    const { status, body } = await gql(gw.url, getIntrospectionQuery());

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.__schema).toMatchObject({ queryType: { name: 'Query' } });
  });

  it('refuses a body over 1 MB with a GraphQL-shaped error', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }),
    });

    expect(res.status).toBe(413);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('BAD_USER_INPUT');
  });
});

describe('rate limit', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack, { RATE_LIMIT_PER_MINUTE: '3' });
    // Fixed windows reset on the minute; start well inside one so the count cannot roll over mid-test.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoWindow));
  }, 70_000);
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('answers RATE_LIMITED with 429 and Retry-After once an address spends its quota', async () => {
    for (let i = 0; i < 3; i += 1) expect((await gql(gw.url, '{ __typename }')).status).toBe(200);

    const { status, body, headers } = await gql(gw.url, '{ __typename }');

    expect(status).toBe(429);
    const retryAfter = Number(headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.errors?.[0]).toEqual({
      message: 'Too many requests',
      extensions: { code: 'RATE_LIMITED', retryAfter },
    });
  });

  it('counts each forwarded client address apart behind a trusted proxy', async () => {
    const proxied = await startGateway(stack, { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'true' });
    try {
      const from = (ip: string) => gql(proxied.url, '{ __typename }', { 'x-forwarded-for': ip });

      expect((await from('203.0.113.1')).status).toBe(200);
      expect((await from('203.0.113.1')).status).toBe(429);
      expect((await from('203.0.113.2')).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });

  it('counts a signed-in user apart from the address', async () => {
    const token = await stack.identity.sign({ sub: 'u-limited' });
    const auth = { authorization: `Bearer ${token}` };

    for (let i = 0; i < 3; i += 1) expect((await gql(gw.url, '{ __typename }', auth)).status).toBe(200);
    expect((await gql(gw.url, '{ __typename }', auth)).status).toBe(429);
  });
});
