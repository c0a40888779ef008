import { createLogger, createRedis, type Redis } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyExchange } from '../src/auth/api-key-exchange.js';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';

describe('ApiKeyExchange', () => {
  let identity: IdentityStub;
  let publisher: Redis;
  const prefix = testRedisPrefix('apikeys');
  const channel = `${prefix}identity.revocations`;
  const exchanges: ApiKeyExchange[] = [];

  async function create(maxEntries = 100): Promise<ApiKeyExchange> {
    const exchange = new ApiKeyExchange({
      identityUrl: identity.url,
      internalSecret: 'a-test-internal-secret',
      subscriber: createRedis(testRedisUrl(), prefix),
      channel,
      logger: createLogger('test', 'silent'),
      maxEntries,
    });
    await exchange.start();
    exchanges.push(exchange);
    return exchange;
  }

  beforeAll(async () => {
    identity = await startIdentityStub();
    publisher = createRedis(testRedisUrl(), prefix);
    for (const n of [1, 2, 3])
      identity.apiKeys.set(`trae_k${n}`, { apiKeyId: `ak${n}`, userId: `u${n}`, role: 'USER' });
  });
  afterEach(async () => {
    await Promise.all(exchanges.splice(0).map((e) => e.stop()));
    identity.settings.exchangeDelayMs = 0;
  });
  afterAll(async () => {
    await publisher.quit();
    await identity.stop();
  });

  it('shares one exchange between concurrent first requests', async () => {
    const exchange = await create();
    const before = identity.counts.exchange;

    const results = await Promise.all(Array.from({ length: 5 }, () => exchange.exchange('trae_k1')));

    expect(identity.counts.exchange - before).toBe(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(results[0]).toMatchObject({ apiKeyId: 'ak1', userId: 'u1', fromCache: false });
  });

  it('keeps at most maxEntries, evicting the least recently used', async () => {
    const exchange = await create(2);
    await exchange.exchange('trae_k1');
    await exchange.exchange('trae_k2');
    await exchange.exchange('trae_k1');
    await exchange.exchange('trae_k3');

    expect(exchange.size).toBe(2);
    expect((await exchange.exchange('trae_k1')).fromCache).toBe(true);
    expect((await exchange.exchange('trae_k2')).fromCache).toBe(false);
  });

  it('does not remember an exchange that raced a revocation', async () => {
    const exchange = await create();
    identity.settings.exchangeDelayMs = 300;

    const pending = exchange.exchange('trae_k2');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publisher.publish(channel, JSON.stringify({ type: 'apiKey', apiKeyId: 'ak2' }));
    await pending;
    identity.settings.exchangeDelayMs = 0;

    expect(exchange.size).toBe(0);
    expect((await exchange.exchange('trae_k2')).fromCache).toBe(false);
  });

  it('does not cache a token that expires within the safety margin', async () => {
    identity.apiKeys.set('trae_short', { apiKeyId: 'aks', userId: 'us', role: 'USER', ttlSeconds: 20 });
    const exchange = await create();

    const result = await exchange.exchange('trae_short');

    expect(result.fromCache).toBe(false);
    expect(exchange.size).toBe(0);
  });
});
