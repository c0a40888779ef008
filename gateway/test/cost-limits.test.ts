import { createRedis, type Redis } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimits } from '../src/http/rate-limit.js';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

// In the test stack: User (1) + its reviews, one Review (1) each by `@listSize(assumedSize: 1)`.
const REVIEWS = '{ user(id: "u1") { reviews { body } } }';
const REVIEWS_COST = 2;
const NESTED = '{ user(id: "u1") { reviews { author { reviews { author { reviews { body } } } } } } }';
const NESTED_COST = 6;

async function subgraphFetches(gw: RunningGateway): Promise<number> {
  const metric = await gw.gateway.metrics.registry
    .getSingleMetric('gateway_subgraph_fetch_duration_seconds')
    ?.get();
  return (metric?.values ?? [])
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('cost limit', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack, { COST_MAX: String(NESTED_COST - 1) });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('runs an operation within the maximum', async () => {
    const { status, body } = await gql(gw.url, REVIEWS);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses one above it with COST_LIMIT_EXCEEDED, the cost and the maximum, before any subgraph is called', async () => {
    const before = await subgraphFetches(gw);

    const { status, body } = await gql(gw.url, NESTED);

    expect(status).toBe(400);
    expect(body.errors?.[0]).toEqual({
      message: `Operation cost ${NESTED_COST} exceeds the limit of ${NESTED_COST - 1}`,
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: NESTED_COST, maxCost: NESTED_COST - 1 },
    });
    expect(await subgraphFetches(gw)).toBe(before);
  });
});

describe('cost budget per caller', () => {
  let stack: Stack;
  let one: RunningGateway;
  let two: RunningGateway;
  const BUDGET = 3 * REVIEWS_COST;

  beforeAll(async () => {
    stack = await startStack();
    // Two instances of one deployment: one Redis prefix, so one budget per caller.
    one = await startGateway(stack, { COST_BUDGET_PER_MINUTE: String(BUDGET) });
    two = await startGateway(stack, { COST_BUDGET_PER_MINUTE: String(BUDGET), REDIS_PREFIX: one.prefix });
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
    await stack?.stop();
  });

  it('spends the cost of each operation, says what is left, and refuses once it is spent, on every instance', async () => {
    const first = await gql(one.url, REVIEWS);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe(String(BUDGET));
    expect(first.headers.get('ratelimit-remaining')).toBe(String(BUDGET - REVIEWS_COST));
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);

    expect((await gql(two.url, REVIEWS)).headers.get('ratelimit-remaining')).toBe(
      String(BUDGET - 2 * REVIEWS_COST),
    );
    expect((await gql(one.url, REVIEWS)).headers.get('ratelimit-remaining')).toBe('0');

    // The fourth would overspend: refused by the GraphQL layer, which knows its cost.
    const over = await gql(two.url, REVIEWS);
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.body.errors?.[0]).toEqual({
      message: 'Too many requests',
      extensions: { code: 'RATE_LIMITED', retryAfter },
    });
    expect(over.headers.get('ratelimit-remaining')).toBe('0');

    // Now spent: even a free operation is refused at the edge, before parsing.
    const free = await gql(one.url, '{ __typename }');
    expect(free.status).toBe(429);
    expect(free.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('gives back the cost of a refused operation, so a cheaper one still fits', async () => {
    const auth = { authorization: `Bearer ${await stack.identity.sign({ sub: 'u-refund' })}` };
    await gql(one.url, REVIEWS, auth);
    expect((await gql(two.url, REVIEWS, auth)).headers.get('ratelimit-remaining')).toBe(String(BUDGET - 4));

    const dear = await gql(one.url, NESTED, auth);
    expect(dear.status).toBe(429);
    expect(dear.headers.get('ratelimit-remaining')).toBe(String(BUDGET - 4));

    const cheap = await gql(two.url, REVIEWS, auth);
    expect(cheap.status).toBe(200);
    expect(cheap.headers.get('ratelimit-remaining')).toBe(String(BUDGET - 6));
  });

  it('gives a signed-in user and an API key budgets of their own', async () => {
    const token = await stack.identity.sign({ sub: 'u-budget' });
    const user = await gql(one.url, REVIEWS, { authorization: `Bearer ${token}` });
    expect(user.status).toBe(200);
    expect(user.headers.get('ratelimit-remaining')).toBe(String(BUDGET - REVIEWS_COST));

    stack.identity.apiKeys.set('trae_budget_key', {
      apiKeyId: 'ak-budget',
      userId: 'u-budget',
      role: 'USER',
    });
    const key = await gql(two.url, REVIEWS, { authorization: 'Bearer trae_budget_key' });
    expect(key.status).toBe(200);
    expect(key.headers.get('ratelimit-remaining')).toBe(String(BUDGET - REVIEWS_COST));
  });
});

describe('sign-in operations', () => {
  let redis: Redis;
  const prefix = testRedisPrefix('gateway-auth-limit');

  beforeAll(() => {
    redis = createRedis(testRedisUrl(), prefix);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
    await redis.quit();
  });

  it('hold each address to AUTH_RATE_LIMIT_PER_MINUTE, apart from its other operations', async () => {
    const limits = new RateLimits({ redis, perMinute: 100, costPerMinute: 1_000, authPerMinute: 2 });
    const app = express();
    app.set('trust proxy', true);
    app.use((req, _res, next) => {
      req.log = { warn: () => undefined, info: () => undefined } as never;
      next();
    });
    app.use(limits.middleware());
    // Stands for the GraphQL layer: spends a cost of 10 for the root fields named in the query string.
    app.post('/graphql', async (req, res) => {
      try {
        const fields = String(req.query.fields ?? '')
          .split(',')
          .filter(Boolean);
        const headers = await res.locals.budget?.spend(10, fields);
        for (const [name, value] of headers ?? []) res.setHeader(name, value);
        res.json({ data: {} });
      } catch (err) {
        const e = err as { extensions: { http: { status: number; headers: Map<string, string> } } };
        for (const [name, value] of e.extensions.http.headers) res.setHeader(name, value);
        res.status(e.extensions.http.status).json({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
      }
    });
    await redis.ping();
    const from = (ip: string, fields: string) =>
      request(app).post(`/graphql?fields=${fields}`).set('x-forwarded-for', ip).send({});

    expect((await from('203.0.113.9', 'login')).status).toBe(200);
    const second = await from('203.0.113.9', 'register');
    expect(second.status).toBe(200);
    expect(second.headers['ratelimit-limit']).toBe('2');
    expect(second.headers['ratelimit-remaining']).toBe('0');

    const third = await from('203.0.113.9', 'requestPasswordReset');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Other operations from the same address still pass; so do sign-ins from another address.
    expect((await from('203.0.113.9', 'createTask')).status).toBe(200);
    expect((await from('198.51.100.20', 'login')).status).toBe(200);
  });
});

describe('rate limits while Redis is unreachable', () => {
  it('fail open: the request passes without RateLimit headers, and spending is a no-op', async () => {
    // Nothing listens on port 1: the connection never becomes ready.
    const down = createRedis('redis://127.0.0.1:1', testRedisPrefix('gateway-down'), {
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => undefined);
    try {
      const limits = new RateLimits({ redis: down, perMinute: 1, costPerMinute: 1, authPerMinute: 1 });
      const app = express();
      app.use((req, _res, next) => {
        req.log = { warn: () => undefined, info: () => undefined } as never;
        next();
      });
      app.use(limits.middleware());
      app.post('/graphql', (_req, res) => res.json({ data: { budget: res.locals.budget === undefined } }));

      for (let i = 0; i < 3; i += 1) {
        const res = await request(app).post('/graphql').send({});
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ data: { budget: true } });
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
    } finally {
      down.disconnect();
    }
  });
});
