import { createRedis, type RevocationEvent, revocationChannel, revocationKeys } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { composeLive, startPeople, startTasks } from './support/live.js';
import { gql, type RunningGateway, startGateway } from './support/stack.js';
import { subscribe, type TestSubscription } from './support/ws-client.js';

const ON_TASK = 'subscription ($id: ID) { taskUpdated(id: $id) { id title } }';
const update = (id: string, title: string, ownerId = 'u1') =>
  `mutation { updateTask(id: "${id}", title: "${title}", ownerId: "${ownerId}") { id } }`;
const now = () => Math.floor(Date.now() / 1000);

/** Open sockets of a revoked credential close within 2 s, and the revoked token buys nothing on HTTP. */
describe('revocation reaches open sockets', () => {
  let identity: IdentityStub;
  let tasks: Awaited<ReturnType<typeof startTasks>>;
  let people: Awaited<ReturnType<typeof startPeople>>;
  let gw: RunningGateway;
  let second: RunningGateway;
  let raw: Redis;
  const prefix = testRedisPrefix('revoke');
  const open: TestSubscription[] = [];
  const track = (s: TestSubscription) => {
    open.push(s);
    return s;
  };
  const numsub = async (channel: string) =>
    Number(((await raw.pubsub('NUMSUB', `${prefix}${channel}`)) as [string, number])[1]);

  /** What identity does: leave the mark, then announce it once to every instance. */
  const revoke = async (event: RevocationEvent, mark: [string, string]) => {
    await gw.redis.set(mark[0], mark[1], 'EX', 600);
    const started = Date.now();
    await gw.redis.publish(revocationChannel(gw.prefix), JSON.stringify(event));
    return started;
  };
  const closedWithin = async (sub: TestSubscription, since: number) => {
    await expect.poll(() => sub.closeCodes[0], { timeout: 2_000, interval: 20 }).toBe(4401);
    return Date.now() - since;
  };

  beforeAll(async () => {
    identity = await startIdentityStub();
    [tasks, people] = await Promise.all([startTasks(identity.url, prefix), startPeople(identity.url)]);
    const stack = {
      identity,
      supergraphPath: composeLive(tasks.baseUrl, people.baseUrl),
      accounts: { baseUrl: people.baseUrl },
    };
    // Two gateway instances of one deployment (one Redis prefix): one announcement reaches both.
    gw = await startGateway(stack as never);
    second = await startGateway(stack as never, { REDIS_PREFIX: gw.prefix });
    raw = createRedis(testRedisUrl(), '');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
  });
  afterAll(async () => {
    await Promise.all([gw.stop(), second.stop()]);
    await Promise.all([tasks.stop(), people.stop(), identity.stop()]);
    raw.disconnect();
  });

  it('closes every socket of a disabled or demoted user with 4401 within 2 s, on every gateway', async () => {
    const token = await identity.sign({ sub: 'u-dis', role: 'ADMIN', sid: 's-dis' });
    const here = track(subscribe(gw.url, ON_TASK, token, { id: 'r1' }));
    const there = track(subscribe(second.url, ON_TASK, token, { id: 'r1' }));
    // One subgraph instance shares a Redis subscription: count its live subscriptions instead.
    await expect.poll(() => tasks.live.subscriptions).toBe(2);

    const since = await revoke({ type: 'user', userId: 'u-dis' }, [
      revocationKeys.notBefore('u-dis'),
      String(now() + 1),
    ]);

    expect(await closedWithin(here, since)).toBeLessThan(2_000);
    expect(await closedWithin(there, since)).toBeLessThan(2_000);
    await expect.poll(() => tasks.live.subscriptions).toBe(0);
    expect(gw.gateway.subscriptions.hub.groupCount + second.gateway.subscriptions.hub.groupCount).toBe(0);
    const http = await gql(gw.url, '{ task(id: "r1") { id } }', { authorization: `Bearer ${token}` });
    expect(http.status).toBe(401);
    expect(http.body.errors?.[0].message).toBe('Token revoked');
  });

  it('closes the logged-out session only; the shared upstream moves to the remaining session’s token', async () => {
    // The logged-out session's token lives longest, so it is the one the group's upstream carries.
    const leaving = await identity.sign({ sub: 'u1', sid: 's-out' }, { expiresIn: now() + 1_200 });
    const staying = await identity.sign({ sub: 'u1', sid: 's-in' }, { expiresIn: now() + 600 });
    const out = track(subscribe(gw.url, ON_TASK, leaving, { id: 'r2' }));
    await expect.poll(() => numsub('task.updated:r2')).toBe(1);
    const stays = track(subscribe(gw.url, ON_TASK, staying, { id: 'r2' }));
    await expect.poll(() => gw.gateway.subscriptions.server.activeSubscriptions).toBe(2);
    expect(gw.gateway.subscriptions.hub.groupCount).toBe(1);
    expect(tasks.wsAuth.at(-1)).toBe(`Bearer ${leaving}`);

    const since = await revoke({ type: 'session', userId: 'u1', sessionId: 's-out' }, [
      revocationKeys.session('s-out'),
      '1',
    ]);

    expect(await closedWithin(out, since)).toBeLessThan(2_000);
    await expect.poll(() => tasks.wsAuth.at(-1)).toBe(`Bearer ${staying}`);
    await expect.poll(() => numsub('task.updated:r2')).toBe(1);
    await gql(gw.url, update('r2', 'after logout'), { authorization: `Bearer ${staying}` });
    await expect
      .poll(() => stays.results.map((r) => r.data))
      .toContainEqual({
        taskUpdated: { id: 'r2', title: 'after logout' },
      });
    expect(out.results.filter((r) => r.data)).toEqual([]);
    expect(stays.closeCodes).toEqual([]);
    // The logged-out access token is refused on HTTP too; the other session's is not.
    expect(
      (await gql(gw.url, '{ task(id: "r2") { id } }', { authorization: `Bearer ${leaving}` })).status,
    ).toBe(401);
    expect(
      (await gql(gw.url, '{ task(id: "r2") { id } }', { authorization: `Bearer ${staying}` })).status,
    ).toBe(200);
  });

  it('closes a socket opened with an API key when the key is revoked', async () => {
    identity.apiKeys.set('trae_revoke_me', { apiKeyId: 'ak-r', userId: 'u-key', role: 'USER' });
    const sub = track(subscribe(gw.url, ON_TASK, 'trae_revoke_me', { id: 'r3' }));
    await expect.poll(() => numsub('task.updated:r3')).toBe(1);
    identity.apiKeys.delete('trae_revoke_me');

    const since = await revoke({ type: 'apiKey', apiKeyId: 'ak-r', userId: 'u-key' }, [
      revocationKeys.apiKey('ak-r'),
      '1',
    ]);

    expect(await closedWithin(sub, since)).toBeLessThan(2_000);
    await expect.poll(() => numsub('task.updated:r3')).toBe(0);
  });

  it('leaves sockets of other users and sessions open', async () => {
    const other = track(
      subscribe(gw.url, ON_TASK, await identity.sign({ sub: 'u-other', sid: 's-x' }), { id: 'r4' }),
    );
    await expect.poll(() => numsub('task.updated:r4')).toBe(1);

    await revoke({ type: 'user', userId: 'u-nobody' }, [
      revocationKeys.notBefore('u-nobody'),
      String(now() + 1),
    ]);
    await revoke({ type: 'session', userId: 'u-other', sessionId: 's-y' }, [
      revocationKeys.session('s-y'),
      '1',
    ]);
    await gql(gw.url, update('r4', 'still here', 'u-other'), {
      authorization: `Bearer ${await identity.sign({ sub: 'u-other' })}`,
    });

    await expect.poll(() => other.results.length).toBe(1);
    expect(other.closeCodes).toEqual([]);
  });
});
