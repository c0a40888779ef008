import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

type Result = { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };

/** Federated subscriptions through the gateway against the real tasks, identity and observability services. */
describe('e2e live: subscriptions through the gateway', () => {
  let p: Platform;
  let token: string;
  const clients: ReturnType<typeof createClient>[] = [];

  const subscribe = (query: string, variables: Record<string, unknown> = {}, auth = token) => {
    const results: Result[] = [];
    const client = createClient({
      url: `${p.url.replace('http', 'ws')}/graphql`,
      connectionParams: auth ? { authorization: `Bearer ${auth}` } : {},
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe(
      { query, variables },
      { next: (r) => results.push(r as Result), error: () => undefined, complete: () => undefined },
    );
    return results;
  };

  beforeAll(async () => {
    p = await bootPlatform('live', { SCRAPE_INTERVAL_MS: '1000' });
    token = await p.login();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.stop();
  });

  it('streams a task to done, with createdBy resolved by identity on every event', async () => {
    // Subscribed before the task exists, so no state change can be missed.
    const events = subscribe('subscription { taskUpdated { id status progress createdBy { username } } }');
    await new Promise((r) => setTimeout(r, 500));
    const created = await p.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "system", type: "noop", input: { sleepMs: 1000 } }) { id } }',
      {},
      token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;
    const mine = () =>
      events.map((e) => e.data?.taskUpdated as { id: string; status: string }).filter((t) => t?.id === id);
    await expect.poll(() => mine().map((t) => t.status), { timeout: 20_000 }).toContain('SUCCEEDED');
    expect(mine().map((t) => t.status)).toContain('RUNNING');
    for (const t of mine()) expect(t).toMatchObject({ createdBy: { username: 'admin' } });
  });

  it('delivers metricsTick from the observability service', async () => {
    const ticks = subscribe('subscription { metricsTick { __typename } }');
    await expect.poll(() => ticks.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(ticks[0]).toEqual({ data: { metricsTick: { __typename: 'MetricsSnapshot' } } });
  });

  it('answers a guest who asks for tasks with UNAUTHENTICATED and nothing else', async () => {
    const guest = subscribe('subscription { taskUpdated { id } }', {}, '');
    await expect.poll(() => guest.length).toBe(1);
    expect(guest[0].errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
