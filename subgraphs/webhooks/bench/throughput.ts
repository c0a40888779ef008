/**
 * `npm run bench:webhooks`. Outbound: `task.completed` events appended to `events:tasks` for a user with
 * one endpoint, delivered by 2 webhooks processes (each runs a delivery worker) to a local receiver: all
 * at once, at a steady rate, and all at once to a receiver failing half the time. Inbound: verified
 * requests per second at the gateway's `POST /webhooks/:source` next to a bare node server doing the same
 * Standard Webhooks check, in the same run. Prints Markdown tables. Not a test.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedis } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  startIdentityKeys,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { type InboundResult, runInbound } from './inbound.js';
import { type OutboundResult, runOutbound } from './outbound.js';
import { type Running, startProcess } from './processes.js';
import { startBenchReceiver } from './receiver.js';

/** Which outbound rounds to run (`burst,steady,failing`). */
const ROUNDS = (process.env.BENCH_ROUNDS ?? 'burst,steady,failing').split(',');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
/** The steady round's events per second: the goal's rate. */
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Which parts to run, e.g. `BENCH_PARTS=inbound` while profiling one. */
const PARTS = (process.env.BENCH_PARTS ?? 'outbound,inbound').split(',');
const SECRET = 'webhooks-bench-internal-secret';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const WEBHOOKS = here('../index.js');
const GATEWAY = here('../../../../gateway/dist/index.js');
const BARE = here('./bare-server.js');

async function main() {
  const keys = await startIdentityKeys();
  const db = await createTestDatabase('bench-webhooks');
  const prefix = testRedisPrefix('bench-webhooks');
  const receiver = await startBenchReceiver();
  const redis = createRedis(testRedisUrl(), prefix);
  const base = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IDENTITY_URL: keys.url,
    INTERNAL_SECRET: SECRET,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  const running: Running[] = [];
  try {
    // The first one migrates; the others start on the migrated schema, as replicas do.
    for (let i = 0; i < INSTANCES; i++) {
      const env = {
        ...base,
        EVENTS_CONSUMER: `bench-${i}`,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_NOTICE_EMAIL: 'false',
        // The failing round's retries come within a second, not over 3 days.
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_RETRY_MAX_MS: '500',
        WEBHOOK_DELIVERY_ATTEMPTS: '20',
        WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000000',
      };
      running.push(await startProcess(WEBHOOKS, env));
    }
    const webhooks = running[0].url;
    const gql = async <T>(query: string, variables: unknown, token: string): Promise<T> => {
      const res = await fetch(`${webhooks}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...gatewayHeaders(SECRET),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    const outbound: OutboundResult[] = [];
    if (PARTS.includes('outbound')) {
      const deps = {
        redis,
        receiver,
        timeoutMs: 60_000,
        pids: running.map((r) => r.child.pid!),
        async endpointFor(url: string) {
          const owner = randomUUID();
          await gql(
            'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }',
            { i: { url, eventTypes: ['task.completed'] } },
            await keys.sign('USER', owner, 7_200),
          );
          return owner;
        },
      };
      // A short warm-up, so the figures are of running processes rather than of their first seconds.
      await runOutbound({ label: 'warm-up', events: 1_000, rate: 0, failRate: 0 }, deps);
      const rounds = {
        burst: { label: 'all at once', events: EVENTS, rate: 0, failRate: 0 },
        steady: { label: `steady ${RATE}/s`, events: EVENTS, rate: RATE, failRate: 0 },
        failing: { label: 'all at once, receiver fails half', events: EVENTS, rate: 0, failRate: 0.5 },
      };
      for (const [name, round] of Object.entries(rounds))
        if (ROUNDS.includes(name)) outbound.push(await runOutbound(round, deps));
    }

    const inbound: InboundResult[] = [];
    if (PARTS.includes('inbound')) {
      const gateway = await startProcess(GATEWAY, {
        ...base,
        WEBHOOKS_URL: webhooks,
        CLIENT_DIST: join(tmpdir(), 'webhooks-bench-no-client'),
      });
      running.push(gateway);
      const admin = await keys.sign('ADMIN', randomUUID(), 7_200);
      const { createWebhookSource: created } = await gql<{
        createWebhookSource: { secret: string; source: { id: string } };
      }>(
        'mutation ($i: CreateWebhookSourceInput!) { createWebhookSource(input: $i) { secret source { id } } }',
        { i: { name: 'bench', action: 'EMIT_EVENT' } },
        admin,
      );
      const bare = await startProcess(BARE, base, [created.secret]);
      running.push(bare);
      const targets = [
        { label: 'bare node server, same check', url: `${bare.url}/webhooks/${created.source.id}` },
        { label: 'gateway -> webhooks service', url: `${gateway.url}/webhooks/${created.source.id}` },
      ];
      for (const t of targets) {
        await runInbound(t.label, t.url, created.secret, 2, CONNECTIONS);
        inbound.push(await runInbound(t.label, t.url, created.secret, SECONDS, CONNECTIONS));
      }
    }
    report(outbound, inbound);
  } finally {
    await Promise.all(running.map((r) => r.stop()));
    await receiver.close();
    await keys.close();
    let cursor = '0';
    const raw = createRedis(testRedisUrl(), '');
    do {
      const [next, found] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (found.length) await raw.unlink(...found);
    } while (cursor !== '0');
    raw.disconnect();
    redis.disconnect();
    await db.drop();
  }
}

function report(outbound: OutboundResult[], inbound: InboundResult[]) {
  if (outbound.length) {
    console.log(
      `\nOutbound: ${EVENTS} task.completed events, ${INSTANCES} webhooks processes (delivery workers)\n`,
    );
    console.log(
      '| round | deliveries/s | p50 event->receipt (ms) | p99 (ms) | lost | duplicated | 500s answered | CPU ms per delivery |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of outbound)
      console.log(
        `| ${r.label} | ${r.deliveriesPerSecond} | ${r.p50} | ${r.p99} | ${r.lost} | ${r.duplicated} | ${r.refused} | ${r.cpuMsPerDelivery} |`,
      );
  }
  if (inbound.length) {
    console.log(
      `\nInbound: ${SECONDS} s, ${CONNECTIONS} connections, each request a new signed webhook-id\n`,
    );
    console.log('| target | verified requests/s | p99 (ms) | refused or failed |');
    console.log('|---|---|---|---|');
    for (const r of inbound) console.log(`| ${r.label} | ${r.verifiedPerSecond} | ${r.p99} | ${r.refused} |`);
    if (inbound.length === 2)
      console.log(
        `\nthe gateway answers ${(inbound[1].verifiedPerSecond / inbound[0].verifiedPerSecond).toFixed(2)}x the bare server`,
      );
  }
}

await main();
