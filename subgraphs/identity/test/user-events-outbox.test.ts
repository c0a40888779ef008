import { createServer } from 'node:net';
import { createLogger, createRedis, OutboxRelay, type Redis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEvent } from '../src/modules/event/outbox-event.entity.js';
import { IDENTITY_STREAM, USER_CHANGED } from '../src/modules/user/user-events.js';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { user { id } } }`;

/** A loopback port nothing listens on: a Redis there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('identity: user.changed goes through the outbox, so a Redis outage only delays it', () => {
  let h: Harness;
  let redis: Redis;
  let unreachable: Redis;

  /** This user's `user.changed` payloads on the stream, in order. */
  const announced = async (userId: string) =>
    (await redis.xrange(IDENTITY_STREAM, '-', '+'))
      .map(([, fields]) => ({ type: fields[1], payload: JSON.parse(fields[3]) }))
      .filter((e) => e.type === USER_CHANGED && e.payload.userId === userId)
      .map((e) => e.payload);
  const queued = () => h.identity.orm.em.fork().count(OutboxEvent, {});

  beforeAll(async () => {
    // A tick far off: an event that arrives sooner was sent by its commit's own kick.
    h = await startIdentity({ OUTBOX_INTERVAL_MS: '60000' });
    redis = createRedis(testRedisUrl(), h.prefix);
    // Fails each command at once instead of queueing it until a connection that never comes.
    unreachable = createRedis(`redis://127.0.0.1:${await closedPort()}`, h.prefix, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
  });
  afterAll(async () => {
    unreachable?.disconnect();
    await redis?.del(IDENTITY_STREAM);
    redis?.disconnect();
    await h?.stop();
  });

  it('commits the change with its event, and the relay delivers it exactly once when Redis is back', async () => {
    // Arrange: the service's relay is stopped; the only one running cannot reach Redis.
    const relay = h.identity.services.outboxRelay;
    await relay.stop();
    const logger = createLogger('identity', 'silent');
    const down = new OutboxRelay(h.identity.orm, unreachable, logger, {
      entity: OutboxEvent,
      lock: 'identity:outbox',
      intervalMs: 60_000,
      eventId: true,
    });
    down.start();

    // Act: a sign-up commits while nothing can reach the stream.
    const r = await h.gql<{ register: { user: { id: string } } }>(REGISTER, {
      i: { username: 'olive', email: 'olive@example.com', password: 'a decent password' },
    });
    expect(r.errors).toBeUndefined();
    const userId = r.data!.register.user.id;
    await down.kick();

    // Assert: the account exists, its event waits in the outbox, nothing reached the stream.
    expect(await h.identity.services.users.findById(userId)).not.toBeNull();
    expect(await queued()).toBe(1);
    expect(await announced(userId)).toEqual([]);
    await down.stop();

    // A change that rolls back (the username is taken) leaves no event behind.
    const taken = await h.gql(REGISTER, {
      i: { username: 'olive', email: 'olive2@example.com', password: 'a decent password' },
    });
    expect(taken.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await queued()).toBe(1);

    // Redis reachable again: the service's relay sends the event once, with the row's id, and forgets it.
    relay.start();
    await h.identity.services.userEvents.flush();
    await h.identity.services.userEvents.flush();
    const events = await announced(userId);
    expect(events).toEqual([
      { userId, change: 'created', at: expect.any(String), eventId: expect.stringMatching(/^\d+$/) },
    ]);
    expect(await queued()).toBe(0);
  });

  it('relays at once after the commit, without waiting for the next tick', async () => {
    const r = await h.gql<{ register: { user: { id: string } } }>(REGISTER, {
      i: { username: 'pearl', email: 'pearl@example.com', password: 'a decent password' },
    });
    const userId = r.data!.register.user.id;
    await expect.poll(async () => (await announced(userId)).length, { timeout: 15_000 }).toBe(1);
  });
});
