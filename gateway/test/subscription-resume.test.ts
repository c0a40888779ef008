import { testRedisPrefix } from '@trae/kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable } from '../src/subscriptions/resume-policy.js';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { composeLive, type LiveSubgraph, startPeople, startTasks } from './support/live.js';
import { gql, type RunningGateway, startGateway } from './support/stack.js';
import { subscribe, type TestSubscription } from './support/ws-client.js';

const ON_TASK = 'subscription ($id: ID) { taskUpdated(id: $id) { id title createdBy { username } } }';
const update = (id: string, title: string) =>
  `mutation { updateTask(id: "${id}", title: "${title}", ownerId: "u1") { id } }`;
const portOf = (baseUrl: string) => Number(new URL(baseUrl).port);
type Tasks = Awaited<ReturnType<typeof startTasks>>;

describe('live subscriptions across a restart of the owning subgraph', () => {
  let identity: IdentityStub;
  let people: LiveSubgraph;
  let token: string;
  const parts: { stop(): Promise<void> }[] = [];
  const open: TestSubscription[] = [];

  /** A tasks instance and a gateway of its own, so each test kills its subgraph freely. */
  async function stackWith(env: Record<string, string> = {}, tasksIdentityUrl = identity.url) {
    const prefix = testRedisPrefix('resume');
    const tasks = await startTasks(tasksIdentityUrl, prefix);
    const supergraphPath = composeLive(tasks.baseUrl, people.baseUrl);
    const gw = await startGateway({ identity, supergraphPath, accounts: people } as never, env);
    const state = { tasks, gw, prefix };
    parts.push({ stop: () => gw.stop() }, { stop: () => state.tasks.stop().catch(() => undefined) });
    return state;
  }
  const subscribeAll = (gw: RunningGateway, n: number, variables: Record<string, unknown>) =>
    Array.from({ length: n }, () => {
      const sub = subscribe(gw.url, ON_TASK, token, variables);
      open.push(sub);
      return sub;
    });

  beforeAll(async () => {
    identity = await startIdentityStub();
    people = await startPeople(identity.url);
    token = await identity.sign({ sub: 'u1' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
    for (const part of parts.splice(0).reverse()) await part.stop();
  });
  afterAll(async () => {
    await Promise.all([people.stop(), identity.stop()]);
  });

  it('keeps every subscriber subscribed while the subgraph is down, and delivers events once it is back', async () => {
    const state = await stackWith();
    // Ten subscribers in two groups: two upstream subscriptions on the subgraph.
    const subs = [...subscribeAll(state.gw, 5, { id: 'r1' }), ...subscribeAll(state.gw, 5, {})];
    await expect.poll(() => state.tasks.live.subscriptions).toBe(2);
    await gql(state.gw.url, update('r1', 'before'));
    await expect.poll(() => subs.every((s) => s.results.length === 1)).toBe(true);

    const port = portOf(state.tasks.baseUrl);
    await state.tasks.stop();
    // Down for a while: the gateway's reopen attempts are refused meanwhile.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(subs.every((s) => s.results.length === 1 && !s.completed && s.closeCodes.length === 0)).toBe(true);
    state.tasks = (await startTasks(identity.url, state.prefix, port)) as Tasks;
    const back = Date.now();

    await expect.poll(() => state.tasks.live.subscriptions, { timeout: 10_000 }).toBe(2);
    await gql(state.gw.url, update('r1', 'after'));
    await expect.poll(() => subs.every((s) => s.results.length === 2), { timeout: 10_000 }).toBe(true);
    expect(Date.now() - back).toBeLessThan(10_000);
    for (const s of subs) {
      expect(s.results[1]).toEqual({
        data: { taskUpdated: { id: 'r1', title: 'after', createdBy: { username: 'user-u1' } } },
      });
      expect(s.completed).toBe(false);
      expect(s.closeCodes).toEqual([]);
    }
  }, 30_000);

  it('survives two restarts in a row: the bound applies to each outage, not to their sum', async () => {
    const state = await stackWith({ SUBSCRIPTION_RESUME_MS: '4000' });
    const [sub] = subscribeAll(state.gw, 1, { id: 'r2' });
    await expect.poll(() => state.tasks.live.subscriptions).toBe(1);
    const port = portOf(state.tasks.baseUrl);

    for (const round of ['one', 'two']) {
      await state.tasks.stop();
      // Two outages of 2.5 s: together past the 4 s bound.
      await new Promise((r) => setTimeout(r, 2_500));
      state.tasks = (await startTasks(identity.url, state.prefix, port)) as Tasks;
      await expect.poll(() => state.tasks.live.subscriptions, { timeout: 10_000 }).toBe(1);
      await gql(state.gw.url, update('r2', round));
      await expect
        .poll(() => sub.results.at(-1)?.data, { timeout: 10_000 })
        .toMatchObject({
          taskUpdated: { title: round },
        });
    }
    expect(sub.completed).toBe(false);
  }, 40_000);

  it('ends the subscription with SERVICE_UNAVAILABLE, the socket open, when the subgraph does not come back in time', async () => {
    const state = await stackWith({ SUBSCRIPTION_RESUME_MS: '2000' });
    const [sub] = subscribeAll(state.gw, 1, { id: 'gone' });
    await expect.poll(() => state.tasks.live.subscriptions).toBe(1);

    const killed = Date.now();
    await state.tasks.stop();

    await expect.poll(() => sub.completed, { timeout: 10_000 }).toBe(true);
    expect(Date.now() - killed).toBeGreaterThanOrEqual(1_900);
    expect(sub.results).toEqual([
      {
        errors: [
          {
            message: 'The subscription source is unavailable; resubscribe shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'tasks' },
          },
        ],
      },
    ]);
    expect(sub.closeCodes).toEqual([]);
    expect(state.gw.gateway.subscriptions.hub.groupCount).toBe(0);
  }, 20_000);

  it('ends the subscription at once with SUBSCRIPTION_SOURCE_ENDED when the subgraph refuses the credential', async () => {
    // The subgraph trusts other keys than the gateway: it closes the upstream with 4403, which no retry cures.
    const stranger = await startIdentityStub();
    parts.push(stranger);
    const state = await stackWith({}, stranger.url);
    const started = Date.now();

    const [sub] = subscribeAll(state.gw, 1, { id: 'refused' });

    await expect.poll(() => sub.completed, { timeout: 5_000 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sub.results).toEqual([
      {
        errors: [
          {
            message: 'The subscription source ended unexpectedly; resubscribe',
            extensions: { code: 'SUBSCRIPTION_SOURCE_ENDED', serviceName: 'tasks' },
          },
        ],
      },
    ]);
    expect(state.tasks.wsAuth).toHaveLength(1);
  });
});

describe('which upstream ends the gateway retries', () => {
  it('retries lost sockets and refused connections, not a refused operation or credential', () => {
    expect(isRetryable({ error: { code: 1006 }, closeCode: 1006 })).toBe(true);
    expect(isRetryable({ error: { code: 1001 }, closeCode: 1001 })).toBe(true);
    expect(isRetryable({ error: new Error('socket hang up') })).toBe(true);
    expect(isRetryable({ error: [{ message: 'Cannot query field' }] })).toBe(false);
    for (const closeCode of [4400, 4401, 4403]) expect(isRetryable({ error: {}, closeCode })).toBe(false);
  });
});
