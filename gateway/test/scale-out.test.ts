import { testRedisPrefix } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { composeLive, startPeople, startTasks } from './support/live.js';
import { gql, type RunningGateway, startGateway } from './support/stack.js';
import { subscribe } from './support/ws-client.js';

describe('scale-out: two gateways, two instances of the owning subgraph, one Redis', () => {
  let identity: IdentityStub;
  const prefix = testRedisPrefix('scale');
  let parts: { stop(): Promise<void> }[] = [];
  let gatewayA: RunningGateway;
  let gatewayB: RunningGateway;

  beforeAll(async () => {
    identity = await startIdentityStub();
    const [tasks1, tasks2, people] = await Promise.all([
      startTasks(identity.url, prefix),
      startTasks(identity.url, prefix),
      startPeople(identity.url),
    ]);
    parts = [tasks1, tasks2, people];
    const supergraphPath = composeLive(tasks1.baseUrl, people.baseUrl);
    const stack = { identity, supergraphPath, accounts: { baseUrl: people.baseUrl } } as never;
    // A talks to tasks instance 1, B to instance 2.
    [gatewayA, gatewayB] = await Promise.all([
      startGateway(stack, { TASKS_URL: tasks1.baseUrl, PEOPLE_URL: people.baseUrl }),
      startGateway(stack, { TASKS_URL: tasks2.baseUrl, PEOPLE_URL: people.baseUrl }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gatewayA.stop(), gatewayB.stop()]);
    await Promise.all(parts.map((p) => p.stop()));
    await identity.stop();
  });

  it('a client on gateway A receives an event caused by a mutation sent to gateway B', async () => {
    const token = await identity.sign({ sub: 'u1' });
    const sub = subscribe(
      gatewayA.url,
      'subscription { taskUpdated(id: "x1") { id title createdBy { username } } }',
      token,
    );
    await expect.poll(() => gatewayA.gateway.subscriptions.hub.groupCount).toBe(1);
    // Give the upstream subscription a moment to reach Redis before publishing.
    await new Promise((r) => setTimeout(r, 200));
    const res = await gql(
      gatewayB.url,
      'mutation { updateTask(id: "x1", title: "via B", ownerId: "u1") { id } }',
      { authorization: `Bearer ${token}` },
    );
    expect(res.body.errors).toBeUndefined();
    await expect.poll(() => sub.results.length).toBe(1);
    expect(sub.results[0].data).toEqual({
      taskUpdated: { id: 'x1', title: 'via B', createdBy: { username: 'user-u1' } },
    });
    await sub.dispose();
  });
});
