import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createEventBus } from '@trae/kit';
import { percentile, procCpu, procMemory } from '@trae/kit/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * `npm run bench:subscriptions`: the gateway as its own process, the subgraphs in another, 1,000
 * graphql-ws clients here. Events are published on Redis with their send time; each client records
 * publish -> receipt latency. Not a CI gate.
 */

/** Resident memory (bytes) and CPU seconds used so far. */
const sample = (pid: number) => ({ rss: procMemory(pid).rss, cpu: procCpu(pid)?.cpu ?? 0 });

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `trae-bench:${randomBytes(3).toString('hex')}:`;
const root = new URL('../../../', import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fixtures {
  identity: string;
  tasks: string;
  people: string;
  supergraphPath: string;
  tokens: { admin: string; admins: string[]; users: string[] };
}

function start(cmd: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, cmd, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const rl = createInterface({ input: child.stdout! });
  for await (const line of rl) return line;
  throw new Error('process exited before printing');
}

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${url} never answered`);
}

async function activeSubscriptions(gateway: string): Promise<number> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  return Number(/gateway_subscriptions_active\{[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
}

interface Scenario {
  name: string;
  query: (i: number) => { query: string; variables?: Record<string, unknown> };
  token: (i: number) => string;
  /** Publishes one round of events; returns how many each subscriber should receive. */
  publish: (send: (topic: string, payload: object) => Promise<void>, now: number) => Promise<void>;
  eventsPerSecond: number;
  expectedPerSubscriber: (rounds: number) => number;
}

async function run(s: Scenario, gateway: string, pids: { gateway: number; fixtures: number }) {
  const bus = createEventBus(REDIS_URL, prefix);
  const latencies: number[] = [];
  const received = new Array<number>(SUBSCRIBERS).fill(0);
  const clients: Client[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({
      url: `${gateway.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${s.token(i)}` },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe(s.query(i), {
      next: (r) => {
        const title = (r.data?.taskUpdated as { title?: string } | undefined)?.title;
        if (title) latencies.push(Date.now() - Number(title));
        received[i]++;
      },
      error: (e) => console.error('subscription error', JSON.stringify(e).slice(0, 200)),
      complete: () => undefined,
    });
    if (i % 100 === 99) await sleep(20);
  }
  while ((await activeSubscriptions(gateway)) < SUBSCRIBERS) await sleep(100);
  await sleep(500);

  const before = { gw: sample(pids.gateway), fx: sample(pids.fixtures), me: sample(process.pid) };
  let peakGw = before.gw.rss;
  let peakFx = before.fx.rss;
  const sampler = setInterval(() => {
    peakGw = Math.max(peakGw, sample(pids.gateway).rss);
    peakFx = Math.max(peakFx, sample(pids.fixtures).rss);
  }, 250);
  const started = Date.now();
  const rounds = SECONDS * s.eventsPerSecond;
  for (let r = 0; r < rounds; r++) {
    const due = started + (r * 1000) / s.eventsPerSecond;
    await sleep(Math.max(0, due - Date.now()));
    await s.publish((topic, payload) => bus.publish(topic, payload), Date.now());
  }
  const expected = s.expectedPerSubscriber(rounds);
  const deadline = Date.now() + 10_000;
  while (received.some((n) => n < expected) && Date.now() < deadline) await sleep(100);
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const after = { gw: sample(pids.gateway), fx: sample(pids.fixtures), me: sample(process.pid) };
  await Promise.all(clients.map((c) => c.dispose()));
  await bus.close();
  while ((await activeSubscriptions(gateway)) > 0) await sleep(100);

  latencies.sort((a, b) => a - b);
  const total = received.reduce((a, b) => a + b, 0);
  return {
    scenario: s.name,
    subscribers: SUBSCRIBERS,
    deliveries: total,
    lost: expected * SUBSCRIBERS - total,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1),
    gatewayRssMiB: { before: mb(before.gw.rss), peak: mb(peakGw) },
    subgraphsRssMiB: { before: mb(before.fx.rss), peak: mb(peakFx) },
    gatewayCpuPct: Math.round(((after.gw.cpu - before.gw.cpu) / elapsed) * 100),
    subgraphsCpuPct: Math.round(((after.fx.cpu - before.fx.cpu) / elapsed) * 100),
    clientsCpuPct: Math.round(((after.me.cpu - before.me.cpu) / elapsed) * 100),
  };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const fixtures = start(
  [new URL('gateway/dist-bench/bench/fixtures.js', root).pathname, prefix, String(SUBSCRIBERS)],
  {},
);
const fx = JSON.parse(await firstLine(fixtures)) as Fixtures;
const port = 4900 + Math.floor(Math.random() * 90);
const gatewayProc = start(
  [
    ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    new URL('gateway/dist/index.js', root).pathname,
  ],
  {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SUPERGRAPH_PATH: fx.supergraphPath,
    IDENTITY_URL: fx.identity,
    TASKS_URL: fx.tasks,
    PEOPLE_URL: fx.people,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    WS_MAX_CONNECTIONS: '20000',
  },
);
const gateway = `http://127.0.0.1:${port}`;
await waitFor(`${gateway}/ready`);
const pids = { gateway: gatewayProc.pid!, fixtures: fixtures.pid! };

const broadcast = (token: (i: number) => string, name: string): Scenario => ({
  name,
  query: () => ({ query: 'subscription { taskUpdated { id title } }' }),
  token,
  eventsPerSecond: 10,
  publish: async (send, now) => {
    const task = { id: 'broadcast', title: String(now), ownerId: 'bench-admin' };
    await send('task.updated', task);
  },
  expectedPerSubscriber: (rounds) => rounds,
});

const streams: Scenario = {
  name: '(b) 1,000 taskUpdated(id) streams, 1 event/s each, createdBy from another subgraph',
  query: (i) => ({
    query: 'subscription ($id: ID) { taskUpdated(id: $id) { id title createdBy { username } } }',
    variables: { id: `t${i}` },
  }),
  token: (i) => fx.tokens.users[i],
  // A hundred slices a second, each publishing to a hundredth of the streams: every stream gets 1 event/s,
  // and streams are out of phase with each other as independent tasks are.
  eventsPerSecond: 100,
  publish: (() => {
    let slice = 0;
    const size = SUBSCRIBERS / 100;
    return async (send, now) => {
      const from = (slice++ % 100) * size;
      await Promise.all(
        Array.from({ length: size }, (_, k) =>
          send(`task.updated:t${from + k}`, {
            id: `t${from + k}`,
            title: String(now),
            ownerId: `u${from + k}`,
          }),
        ),
      );
    };
  })(),
  expectedPerSubscriber: (rounds) => rounds / 100,
};

const scenarios: Record<string, Scenario> = {
  a: broadcast(() => fx.tokens.admin, '(a) broadcast, 10 events/s, one auth scope (deduplicated)'),
  a2: broadcast((i) => fx.tokens.admins[i], "(a') broadcast, 10 events/s, 1,000 distinct users"),
  b: streams,
};
const results = [];
for (const [key, scenario] of Object.entries(scenarios)) {
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === key)
    results.push(await run(scenario, gateway, pids));
}

console.log(JSON.stringify(results, null, 2));
gatewayProc.kill('SIGTERM');
fixtures.kill('SIGTERM');
await sleep(500);
process.exit(0);
