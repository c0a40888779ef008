import { createRedis } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { createClient } from 'graphql-ws';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadSupergraph } from '../src/federation/supergraph.js';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { composeLive, startPeople, startTasks } from './support/live.js';
import { gql, type RunningGateway, startGateway } from './support/stack.js';
import { subscribe, type TestSubscription } from './support/ws-client.js';

const ON_TASK = 'subscription ($id: ID) { taskUpdated(id: $id) { id title createdBy { username } } }';
const update = (id: string, title: string, ownerId = 'u1', big?: number) =>
  `mutation { updateTask(id: "${id}", title: "${title}", ownerId: "${ownerId}"${big ? `, big: ${big}` : ''}) { id } }`;

describe('federated subscriptions through the gateway', () => {
  let identity: IdentityStub;
  let tasks: Awaited<ReturnType<typeof startTasks>>;
  let people: Awaited<ReturnType<typeof startPeople>>;
  let gw: RunningGateway;
  let raw: Redis;
  let u1: string;
  const prefix = testRedisPrefix('live');
  const open: TestSubscription[] = [];
  const track = (s: TestSubscription) => {
    open.push(s);
    return s;
  };
  const liveStack = () => ({
    identity,
    supergraphPath: composeLive(tasks.baseUrl, people.baseUrl),
    accounts: { baseUrl: people.baseUrl },
  });
  const numsub = async (channel: string) =>
    Number(((await raw.pubsub('NUMSUB', `${prefix}${channel}`)) as [string, number])[1]);

  beforeAll(async () => {
    identity = await startIdentityStub();
    [tasks, people] = await Promise.all([startTasks(identity.url, prefix), startPeople(identity.url)]);
    const stack = liveStack();
    gw = await startGateway(stack as never, { SUBSCRIPTIONS_PER_CONNECTION: '3' });
    raw = createRedis(testRedisUrl(), '');
    u1 = await identity.sign({ sub: 'u1' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
  });
  afterAll(async () => {
    await gw.stop();
    await Promise.all([tasks.stop(), people.stop(), identity.stop()]);
    raw.disconnect();
  });

  it('delivers events with fields resolved by another subgraph, using the subscriber’s credentials', async () => {
    const sub = track(subscribe(gw.url, ON_TASK, u1, { id: 't1' }));
    await expect.poll(() => numsub('task.updated:t1')).toBe(1);
    await gql(gw.url, update('t1', 'first'), { authorization: `Bearer ${u1}` });
    await expect.poll(() => sub.results.length).toBe(1);
    expect(sub.results[0]).toEqual({
      data: { taskUpdated: { id: 't1', title: 'first', createdBy: { username: 'user-u1' } } },
    });
    expect(people.entityAuth.at(-1)).toBe(`Bearer ${u1}`);
  });

  it('authorizes per event: a subscriber sees only the tasks it may see', async () => {
    const u2 = await identity.sign({ sub: 'u2' });
    const mine = track(subscribe(gw.url, ON_TASK, u2));
    await expect.poll(() => numsub('task.updated')).toBe(1);
    await gql(gw.url, update('t9', 'not yours', 'u1'), { authorization: `Bearer ${u1}` });
    await gql(gw.url, update('t8', 'yours', 'u2'), { authorization: `Bearer ${u2}` });
    await expect.poll(() => mine.results.length).toBe(1);
    expect(mine.results[0].data).toMatchObject({
      taskUpdated: { id: 't8', createdBy: { username: 'user-u2' } },
    });
  });

  it('closes a bad token with 4403 before sending anything, and answers guests with UNAUTHENTICATED', async () => {
    const bad = track(subscribe(gw.url, ON_TASK, 'garbage'));
    await expect.poll(() => bad.closeCodes[0]).toBe(4403);
    expect(bad.results.filter((r) => r.data)).toEqual([]);

    const guest = track(subscribe(gw.url, ON_TASK));
    await expect.poll(() => guest.results.length).toBe(1);
    expect(guest.results[0].errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends the subscription with 4401 when the token expires', async () => {
    const short = await identity.sign({ sub: 'u1' }, { expiresIn: Math.floor(Date.now() / 1000) + 2 });
    const sub = track(subscribe(gw.url, ON_TASK, short, { id: 'exp' }));
    await expect.poll(() => numsub('task.updated:exp')).toBe(1);
    await expect.poll(() => sub.closeCodes[0], { timeout: 5_000 }).toBe(4401);
    await expect.poll(() => numsub('task.updated:exp'), { timeout: 5_000 }).toBe(0);
  });

  it('releases the upstream and the Redis subscription on complete and on socket close', async () => {
    const a = track(subscribe(gw.url, ON_TASK, u1, { id: 'c1' }));
    await expect.poll(() => numsub('task.updated:c1')).toBe(1);
    a.stop();
    await expect.poll(() => numsub('task.updated:c1')).toBe(0);
    expect(gw.gateway.subscriptions.hub.groupCount).toBe(0);

    const b = track(subscribe(gw.url, ON_TASK, u1, { id: 'c2' }));
    await expect.poll(() => numsub('task.updated:c2')).toBe(1);
    await b.dispose();
    await expect.poll(() => numsub('task.updated:c2')).toBe(0);
  });

  it('shares one upstream and one execution among identical subscriptions of one auth scope', async () => {
    const subs = [1, 2, 3].map(() => track(subscribe(gw.url, ON_TASK, u1, { id: 'd1' })));
    const other = track(
      subscribe(gw.url, ON_TASK, await identity.sign({ sub: 'u1', role: 'ADMIN' }), { id: 'd1' }),
    );
    await expect.poll(() => gw.gateway.subscriptions.hub.groupCount).toBe(2);
    // Four clients, two auth scopes: two subscriptions reach the subgraph.
    await expect.poll(() => tasks.live.subscriptions).toBe(2);
    const before = people.entityAuth.length;
    await gql(gw.url, update('d1', 'fan-out'), { authorization: `Bearer ${u1}` });
    await expect.poll(() => [...subs, other].every((s) => s.results.length === 1)).toBe(true);
    // One entity fetch per group, not per subscriber.
    expect(people.entityAuth.length - before).toBe(2);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_subscriptions_active\{service="gateway"\} 4/);
  });

  it('refuses queries over the socket, invalid subscriptions, and more than the per-connection limit', async () => {
    const query = track(subscribe(gw.url, '{ task(id: "x") { id } }', u1));
    await expect.poll(() => query.results.length).toBe(1);
    expect(query.results[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const two = track(subscribe(gw.url, 'subscription { a: taskUpdated { id } b: taskUpdated { id } }', u1));
    await expect.poll(() => two.results.length).toBe(1);
    expect(two.results[0].errors?.[0].message).toMatch(/only one top level field/);

    const client = createClient({
      url: `${gw.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${u1}` },
      retryAttempts: 0,
    });
    const outcomes: string[] = [];
    for (const id of ['l1', 'l2', 'l3', 'l4']) {
      client.subscribe(
        { query: ON_TASK, variables: { id } },
        {
          next: (r) =>
            outcomes.push(
              String(
                (r.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code ?? 'data',
              ),
            ),
          error: (e) =>
            outcomes.push(String((e as { extensions?: { code?: string } }[])[0]?.extensions?.code)),
          complete: () => undefined,
        },
      );
    }
    await expect.poll(() => outcomes).toEqual(['RATE_LIMITED']);
    await client.dispose();
  });

  it('refuses a subscription above COST_MAX as HTTP does, with the cost and the maximum', async () => {
    const strict = await startGateway(liveStack() as never, { COST_MAX: '1' });
    try {
      // taskUpdated: Task (1) + createdBy: User (1).
      const costly = track(subscribe(strict.url, ON_TASK, u1));
      await expect.poll(() => costly.results.length).toBe(1);
      expect(costly.results[0].errors?.[0]).toMatchObject({
        message: 'Operation cost 2 exceeds the limit of 1',
        extensions: { code: 'COST_LIMIT_EXCEEDED', cost: 2, maxCost: 1 },
      });
      expect(costly.results[0].errors?.[0].extensions).not.toHaveProperty('http');
    } finally {
      await strict.stop();
    }
  });

  it('closes a slow consumer with 4290 instead of queueing without bound', async () => {
    const slow = await startGateway(liveStack() as never, { SUBSCRIPTION_QUEUE_MAX: '4' });
    try {
      const { default: WebSocket } = await import('ws');
      const socket = new WebSocket(`${slow.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      await new Promise((r) => socket.once('open', r));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${u1}` } }));
      await new Promise((r) => socket.once('message', r));
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: ON_TASK, variables: { id: 'slow' } },
        }),
      );
      await expect.poll(() => numsub('task.updated:slow')).toBe(1);
      // Stop reading: the kernel buffers fill, the gateway's sends stall, its queue fills.
      (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      for (let i = 0; i < 60; i++)
        await gql(slow.url, update('slow', 'x'.repeat(1000), 'u1', 200), { authorization: `Bearer ${u1}` });
      await expect.poll(() => slow.gateway.subscriptions.hub.groupCount, { timeout: 10_000 }).toBe(0);
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await closed).toBe(4290);
      await expect.poll(() => numsub('task.updated:slow')).toBe(0);
    } finally {
      await slow.stop();
    }
  });

  it('ends live subscriptions with 4503 when the supergraph is updated', async () => {
    const sub = track(subscribe(gw.url, ON_TASK, u1, { id: 's1' }));
    await expect.poll(() => numsub('task.updated:s1')).toBe(1);
    const next = loadSupergraph(composeLive(tasks.baseUrl, people.baseUrl), {
      TASKS: tasks.baseUrl,
      PEOPLE: people.baseUrl,
    });
    gw.gateway.subscriptions.update(next);
    await expect.poll(() => sub.closeCodes[0]).toBe(4503);
    await expect.poll(() => numsub('task.updated:s1')).toBe(0);
  });
});
