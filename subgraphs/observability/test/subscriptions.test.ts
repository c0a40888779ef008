import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability, TrustedWebSocket } from './setup.js';
import { shippingLogger } from './support/ship.js';

/** The subjects of the harness's USER token and of another user. */
const USER = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';

type Result = { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] };

describe('live: metricsTick and logAdded over graphql-ws', () => {
  let h: Harness;
  const clients: Client[] = [];

  const subscribe = (query: string, token?: string) => {
    const client = createClient({
      url: `${h.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: TrustedWebSocket,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    clients.push(client);
    const events: Result[] = [];
    const stop = client.subscribe(
      { query },
      { next: (v) => void events.push(v as Result), error: () => undefined, complete: () => undefined },
    );
    return { events, stop };
  };
  const gauge = async (name: string) => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    return Number(
      new RegExp(`graphql_subscriptions_active\\{subscription="${name}"[^}]*\\} (\\d+)`).exec(text)?.[1],
    );
  };

  beforeAll(async () => {
    h = await startObservability(
      { SCRAPE_INTERVAL_MS: '300', HEALTH_INTERVAL_MS: '60000' },
      { background: true },
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h.stop();
  });

  it('pushes a snapshot after every scrape, rates from the second one on, and counts the subscriber', async () => {
    const tick = subscribe(
      'subscription { metricsTick { time services { service up requestRate memoryBytes subscriptions } } }',
      h.user,
    );
    await expect.poll(() => tick.events.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const last = tick.events.at(-1)?.data?.metricsTick as { services: Record<string, unknown>[] };
    expect(last.services[0]).toMatchObject({
      service: 'observability',
      up: true,
      requestRate: expect.any(Number),
    });
    expect(last.services[0].subscriptions).toBeGreaterThanOrEqual(1);
    expect(await gauge('metricsTick')).toBe(1);
    tick.stop();
    await expect.poll(() => gauge('metricsTick')).toBe(0);
  });

  it('streams stored lines filtered by level and service, users only their own requests’ lines', async () => {
    const warnings = subscribe(
      'subscription { logAdded(level: WARN, service: "tasks") { level service message requestId } }',
      h.user,
    );
    const everything = subscribe('subscription { logAdded(level: WARN) { message } }', h.admin);
    const guest = subscribe('subscription { logAdded { message } }');
    await expect.poll(() => gauge('logAdded')).toBe(2);
    await new Promise((r) => setTimeout(r, 1_100)); // the "anyone listening?" answer is cached for a second

    const tasks = shippingLogger(h.prefix, 'tasks');
    const identity = shippingLogger(h.prefix, 'identity');
    tasks.log.child({ userId: USER }).info('not important enough');
    tasks.log.child({ reqId: 'r-9', userId: USER }).warn('queue is backing up');
    tasks.log.child({ reqId: 'r-8', userId: OTHER }).warn('another user’s request');
    tasks.log.warn('no user’s request');
    identity.log.child({ userId: USER }).error('not tasks');
    await Promise.all([tasks.shipper.close(), identity.shipper.close()]);

    await expect.poll(() => warnings.events.length).toBe(1);
    expect(warnings.events[0].data?.logAdded).toEqual({
      level: 'WARN',
      service: 'tasks',
      message: 'queue is backing up',
      requestId: 'r-9',
    });
    await expect.poll(() => everything.events.length).toBe(4);
    const messages = everything.events.map((e) => (e.data?.logAdded as { message?: string })?.message);
    expect(messages.sort()).toEqual([
      'another user’s request',
      'no user’s request',
      'not tasks',
      'queue is backing up',
    ]);
    expect(guest.events[0].errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    await new Promise((r) => setTimeout(r, 300));
    expect(warnings.events).toHaveLength(1);
    warnings.stop();
    everything.stop();
    await expect.poll(() => gauge('logAdded')).toBe(0);
  });
});
