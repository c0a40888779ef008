import 'reflect-metadata';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Arg, Authorized, Field, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTokenVerifier, type Principal } from '../src/auth.js';
import { createOrm } from '../src/db.js';
import { buildFederatedSchema } from '../src/federation.js';
import { createLogger } from '../src/logger.js';
import { createEventBus, type EventBus } from '../src/pubsub.js';
import { createRedis } from '../src/redis.js';
import { revocationChannel, revocationKeys } from '../src/revocation.js';
import { createService, type Service } from '../src/service.js';
import {
  createTestDatabase,
  gatewayHeaders,
  gatewayWebSocket,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '../src/testing/index.js';

const SECRET = 'kit-ws-internal-secret-for-tests';

@ObjectType()
class Ping {
  @Field(() => String) room: string;
  @Field(() => String) owner: string;
  @Field(() => String) text: string;
}

@Resolver()
class PingResolver {
  @Query(() => Boolean) alive() {
    return true;
  }

  /** Per-event authorization: a subscriber sees only pings it owns. */
  @Authorized()
  @Subscription(() => Ping, {
    topics: 'ping',
    filter: ({ payload, context }: { payload: Ping; context: { user: Principal } }) =>
      payload.owner === context.user.id,
  })
  ping(@Root() p: Ping, @Arg('room', () => String) _room: string): Ping {
    return p;
  }
}

describe('subgraph subscriptions over graphql-ws', () => {
  let db: TestDatabase;
  let service: Service;
  let bus: EventBus;
  let url: string;
  let sign: (sub: string, ttl?: number, claims?: Record<string, string>) => Promise<string>;
  const prefix = testRedisPrefix('kit-ws');
  const redis = new Redis(testRedisUrl());

  beforeAll(async () => {
    db = await createTestDatabase('kitws');
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    sign = (sub, ttl = 600, claims = {}) =>
      new SignJWT({ role: 'USER', ...claims })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
        .setSubject(sub)
        .setIssuer('i')
        .setAudience('a')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(privateKey);
    bus = createEventBus(testRedisUrl(), prefix);
    const schema = await buildFederatedSchema({ resolvers: [PingResolver], pubSub: bus.pubSub });
    service = await createService({
      name: 'kit-ws',
      version: 'test',
      schema,
      orm: await createOrm({ databaseUrl: db.url, schema: 'kitws', entities: [], migrations: [] }),
      redis: createRedis(testRedisUrl(), prefix),
      logger: createLogger('kit-ws', 'silent'),
      verifyToken: createTokenVerifier({ issuer: 'i', audience: 'a', keySet: createLocalJWKSet(jwks) }),
      eventBus: bus,
      internalSecret: SECRET,
    });
    url = `ws://127.0.0.1:${await service.listen(0)}/graphql`;
  });
  afterAll(async () => {
    await service.stop();
    await redis.quit();
    await db.drop();
  });

  const numsub = async () => Number(((await redis.pubsub('NUMSUB', `${prefix}ping`)) as [string, number])[1]);

  function subscribe(token: string | undefined, onClose?: (code: number) => void) {
    const client = createClient({
      url,
      webSocketImpl: gatewayWebSocket(SECRET),
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: { closed: (e) => onClose?.((e as { code: number }).code) },
    });
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe(
      { query: 'subscription { ping(room: "r1") { room owner text } }' },
      { next: (v) => events.push(v), error: (e) => errors.push(e), complete: () => undefined },
    );
    return { client, events, errors, stop };
  }

  it('delivers only the events a subscriber may see, and releases Redis on complete', async () => {
    const alice = subscribe(await sign('alice'));
    await expect.poll(numsub).toBe(1);
    await bus.publish('ping', { room: 'r1', owner: 'bob', text: 'not for alice' });
    await bus.publish('ping', { room: 'r1', owner: 'alice', text: 'hello' });
    await expect.poll(() => alice.events.length).toBe(1);
    expect(alice.events[0]).toEqual({ data: { ping: { room: 'r1', owner: 'alice', text: 'hello' } } });

    alice.stop();
    await expect.poll(numsub).toBe(0);
    await alice.client.dispose();
  });

  it('closes with 4403 on a bad token and refuses guests with UNAUTHENTICATED', async () => {
    const closes: number[] = [];
    const bad = subscribe('not-a-jwt', (code) => closes.push(code));
    await expect.poll(() => closes[0]).toBe(4403);
    expect(bad.events).toEqual([]);
    await bad.client.dispose();

    // The role check runs when subscribing: the guest gets one result carrying the error, then completion.
    const guest = subscribe(undefined);
    await expect.poll(() => guest.events.length).toBe(1);
    expect(guest.events[0]).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await numsub()).toBe(0);
    await guest.client.dispose();
  });

  it('honours revocations like the edge: refuses a revoked token on HTTP, closes its open socket with 4401', async () => {
    const token = await sign('dave', 600, { sid: 'dave-session' });
    const closes: number[] = [];
    const live = subscribe(token, (code) => closes.push(code));
    await expect.poll(numsub).toBe(1);
    const marks = createRedis(testRedisUrl(), prefix);

    // What identity does on logout: mark the session, then announce it.
    await marks.set(revocationKeys.session('dave-session'), '1', 'EX', 60);
    const since = Date.now();
    await marks.publish(
      revocationChannel(prefix),
      JSON.stringify({ type: 'session', userId: 'dave', sessionId: 'dave-session' }),
    );

    await expect.poll(() => closes[0], { timeout: 2_000, interval: 20 }).toBe(4401);
    expect(Date.now() - since).toBeLessThan(2_000);
    await expect.poll(numsub).toBe(0);
    const http = await fetch(url.replace(/^ws/, 'http'), {
      method: 'POST',
      headers: {
        ...gatewayHeaders(SECRET),
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: '{ alive }' }),
    });
    const body = (await http.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    expect(body.errors?.[0]).toMatchObject({
      message: 'Token revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const other = await fetch(url.replace(/^ws/, 'http'), {
      method: 'POST',
      headers: {
        ...gatewayHeaders(SECRET),
        'content-type': 'application/json',
        authorization: `Bearer ${await sign('dave')}`,
      },
      body: JSON.stringify({ query: '{ alive }' }),
    });
    expect(await other.json()).toEqual({ data: { alive: true } });
    await live.client.dispose();
    await marks.quit();
  });

  it('ends the stream with 4401 when the token expires', async () => {
    const closes: number[] = [];
    const short = subscribe(await sign('carol', 2), (code) => closes.push(code));
    await expect.poll(numsub).toBe(1);
    await expect.poll(() => closes[0], { timeout: 5_000 }).toBe(4401);
    await expect.poll(numsub).toBe(0);
    await short.client.dispose();
  });

  it('refuses a socket that comes neither from the gateway nor from a service', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});
