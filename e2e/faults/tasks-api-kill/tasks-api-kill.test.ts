import { DEFAULT_RESTARTS, type RestartEvent } from '@trae/launcher';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const SUBSCRIBERS = 10;
const TASKS = 20;
const CREATE = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
type Event = { id: string; status: string };

/** The tasks API killed with -9 under 10 live taskUpdated subscribers; the launcher starts it again. */
describe('fault: tasks API killed', () => {
  let p: Platform;
  let admin: string;
  const restarts: RestartEvent[] = [];
  const clients: ReturnType<typeof createClient>[] = [];
  /** Each subscriber's events, and anything that ended its subscription or closed its socket. */
  const subscribers: { events: Event[]; ended: string[] }[] = [];

  const subscribe = async () => {
    const s = { events: [] as Event[], ended: [] as string[] };
    const { promise: ack, resolve: acked } = Promise.withResolvers<void>();
    const client = createClient({
      url: `${p.url.replace('http', 'ws')}/graphql`,
      connectionParams: { authorization: `Bearer ${admin}` },
      retryAttempts: 0,
      on: {
        connected: () => acked(),
        closed: (e) => s.ended.push(`closed ${(e as { code?: number }).code}`),
      },
    });
    clients.push(client);
    client.subscribe<{ taskUpdated: Event }>(
      { query: 'subscription { taskUpdated { id status } }' },
      {
        next: (r) => (r.data ? s.events.push(r.data.taskUpdated) : s.ended.push(JSON.stringify(r.errors))),
        error: (e) => s.ended.push(`error ${JSON.stringify(e)}`),
        complete: () => s.ended.push('complete'),
      },
    );
    subscribers.push(s);
    await ack;
  };
  const createTasks = async (n: number, echo: string) => {
    const inputs = Array.from({ length: n }, (_, i) => ({
      agent: 'system',
      type: 'noop',
      input: { echo: `${echo}${i}` },
    }));
    const made = await p.gql<{ createTasks: { id: string }[] }>(CREATE, { i: inputs }, admin);
    expect(made.errors).toBeUndefined();
    return made.data!.createTasks.map((t) => t.id);
  };
  const seen = (s: (typeof subscribers)[number], id: string, status = 'SUCCEEDED') =>
    s.events.some((e) => e.id === id && e.status === status);

  beforeAll(async () => {
    p = await bootPlatform(
      'faults-tasks-api',
      {},
      { restart: DEFAULT_RESTARTS, onRestart: (e) => restarts.push(e) },
    );
    admin = await p.login();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.stop();
  });

  it('keeps every subscription open through the restart and delivers every later event to each', async () => {
    for (let i = 0; i < SUBSCRIBERS; i++) await subscribe();
    // Live before the fault: one task reaches every subscriber.
    const [before] = await createTasks(1, 'before');
    await expect.poll(() => subscribers.every((s) => seen(s, before)), { timeout: 15_000 }).toBe(true);

    const killed = p.pid('tasks')!;
    process.kill(killed, 'SIGKILL');
    await expect
      .poll(() => restarts.some((e) => e.kind === 'restarted' && e.name === 'tasks'), {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(true);
    expect(p.pid('tasks')).not.toBe(killed);
    const readyAt = performance.now();

    // Pub/sub has no replay: an event published before the gateway has reopened its upstream
    // subscription (backoff up to 3 s) reaches nobody. Probe tasks show when it has.
    const probes: string[] = [];
    await expect
      .poll(
        async () => {
          probes.push(...(await createTasks(1, 'probe')));
          return subscribers.every((s) => probes.some((id) => seen(s, id)));
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    const resumedMs = performance.now() - readyAt;

    const ids = await createTasks(TASKS, 'after');
    await expect
      .poll(() => subscribers.every((s) => ids.every((id) => seen(s, id))), {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(true);
    // Every subscriber got the same events of these tasks (each one's start and its outcome).
    const of = (s: (typeof subscribers)[number]) =>
      s.events
        .filter((e) => ids.includes(e.id))
        .map((e) => `${e.id}:${e.status}`)
        .sort();
    for (const s of subscribers) {
      for (const id of ids) expect(seen(s, id, 'RUNNING')).toBe(true);
      expect(of(s)).toEqual(of(subscribers[0]));
    }
    expect(subscribers.flatMap((s) => s.ended)).toEqual([]);
    console.log(
      `tasks API kill: restarted (${restarts.map((e) => e.kind).join(', ')}); ${SUBSCRIBERS} subscriptions live again ${Math.round(resumedMs)} ms after it was ready`,
    );
  }, 120_000);
});
