// npm run bench:observability — log ingestion end to end, and what shipping costs a service.
// 1. drain: a backlog of shipped lines in the stream, stored by one consumer (Redis -> PostgreSQL).
// 2. live: a producer process logging at a fixed rate through the kit's logger while the consumer runs.
// 3. overhead: p50/p99 of a kit service's GraphQL requests (4 log lines each) with shipping off and
//    on, both running at once under the same load; the consumer is stopped so only the service is measured.
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createLogger, LogShipper } from '@trae/kit';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { createObservability, loadObservabilityConfig } from '@trae/observability';
import { Redis } from 'ioredis';
import pg from 'pg';

const DRAIN_LINES = 200_000;
const LIVE_RATE = 30_000;
const LIVE_SECONDS = 6;
const ROUNDS = 5;
const MEASURE_SECONDS = 4;
const CONCURRENCY = 8;

const loadBefore = loadavg()[0].toFixed(1);
const db = await createTestDatabase('obsbench');
const prefix = testRedisPrefix('obsbench');
const baseEnv = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'info' };
const client = new pg.Client({ connectionString: db.url });
const raw = new Redis(testRedisUrl());
const stored = async () =>
  Number((await client.query('select count(*)::int as n from observability.log_entries')).rows[0].n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(target: number, timeoutMs = 120_000): Promise<number> {
  const give = performance.now() + timeoutMs;
  for (let n = await stored(); n < target; n = await stored()) {
    if (performance.now() > give)
      throw new Error(`only ${n} of ${target} lines stored after ${timeoutMs} ms`);
    await sleep(100);
  }
  return performance.now();
}

function child(file: string, env: Record<string, string>): ChildProcess {
  return fork(new URL(file, import.meta.url), {
    env: { ...process.env, ...baseEnv, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}
const message = <T>(proc: ChildProcess) =>
  new Promise<T>((resolve) => proc.once('message', (m) => resolve(m as T)));

function line(i: number): string {
  const base = { time: new Date().toISOString(), service: 'bench', reqId: `r-${i % 500}` };
  if (i % 100 === 99) {
    const err = {
      type: 'Error',
      message: `job ${i} failed`,
      stack: `Error: job ${i} failed\n    at run (/app/dist/jobs/run.js:10:5)`,
    };
    return JSON.stringify({ level: 50, ...base, msg: 'job failed', err });
  }
  return JSON.stringify({ level: 30, ...base, msg: 'request', route: '/graphql', ms: 3.2, seq: i });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Both services run at once and every connection alternates between them, so machine noise (other
 * work on a shared box) falls on both sides alike.
 */
async function compare(seconds: number, urls: { off: string; on: string }) {
  const latencies = { off: [] as number[], on: [] as number[] };
  const body = JSON.stringify({ query: '{ ping }' });
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, c) => {
      for (let i = c; performance.now() < end; i++) {
        const side = i % 2 ? 'on' : 'off';
        const t = performance.now();
        const res = await fetch(urls[side], {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.arrayBuffer();
        latencies[side].push(performance.now() - t);
      }
    }),
  );
  const stats = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { n: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99) };
  };
  return { off: stats(latencies.off), on: stats(latencies.on) };
}

async function service(shipping: boolean) {
  const proc = child('./log-service.js', { LOG_SHIPPING: String(shipping) });
  const { port } = await message<{ port: number }>(proc);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

try {
  await client.connect();
  const config = loadObservabilityConfig({ ...baseEnv, SCRAPE_TARGETS: 'none=http://127.0.0.1:9' });
  const obs = await createObservability(config, createLogger('observability', 'silent'), {
    background: false,
  });

  // 1. drain
  const shipper = new LogShipper({
    redisUrl: testRedisUrl(),
    prefix,
    service: 'bench',
    bufferLines: DRAIN_LINES,
    bufferBytes: 1 << 30,
    maxLen: 1_000_000,
  });
  for (let i = 0; i < DRAIN_LINES; i++) shipper.write(`${line(i)}\n`);
  await shipper.close();
  if (shipper.stats().shipped !== DRAIN_LINES)
    throw new Error(`backlog not shipped: ${JSON.stringify(shipper.stats())}`);
  const drainStart = performance.now();
  obs.consumer.start();
  const drainSeconds = ((await until(DRAIN_LINES)) - drainStart) / 1000;
  const drainRate = DRAIN_LINES / drainSeconds;

  // 2. live
  const liveLines = LIVE_RATE * LIVE_SECONDS;
  const liveStart = performance.now();
  const producer = child('./producer.js', {
    LOG_SHIPPING: 'true',
    LOG_SHIPPING_BUFFER: '200000',
    // Room for the whole run, so a consumer slowed by a busy machine is measured, not trimmed.
    LOG_STREAM_MAXLEN: '1000000',
    RATE: String(LIVE_RATE),
    LINES: String(liveLines),
  });
  const shipped = await message<{ shipped: number; dropped: number }>(producer);
  const liveSeconds = ((await until(DRAIN_LINES + shipped.shipped)) - liveStart) / 1000;
  const liveRate = shipped.shipped / liveSeconds;
  await obs.stop();

  // 3. overhead
  const [off, on] = await Promise.all([service(false), service(true)]);
  await compare(1, { off: off.url, on: on.url });
  const rounds: Awaited<ReturnType<typeof compare>>[] = [];
  for (let round = 0; round < ROUNDS; round++)
    rounds.push(await compare(MEASURE_SECONDS, { off: off.url, on: on.url }));
  await Promise.all([off.stop(), on.stop()]);
  const p99Off = median(rounds.map((r) => r.off.p99));
  const p99On = median(rounds.map((r) => r.on.p99));
  const overhead = ((p99On - p99Off) / p99Off) * 100;
  const best = rounds.reduce((a, b) => (a.off.p99 + a.on.p99 <= b.off.p99 + b.on.p99 ? a : b));
  const quietest = ((best.on.p99 - best.off.p99) / best.off.p99) * 100;

  const f = (n: number, d = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`
Log ingestion (one consumer, batches of ${config.LOG_BATCH_SIZE}, 1% error lines grouped)
  drain  ${f(DRAIN_LINES)} queued lines stored in ${f(drainSeconds, 2)} s: ${f(drainRate)} lines/s
  live   producer at ${f(LIVE_RATE)} lines/s for ${LIVE_SECONDS} s (${f(shipped.shipped)} shipped, ${f(shipped.dropped)} dropped): ${f(liveRate)} lines/s stored end to end

Request latency of a service logging 4 lines per request (${CONCURRENCY} connections, ${ROUNDS} rounds x ${MEASURE_SECONDS} s each)
  shipping off  p50 ${rounds.map((r) => f(r.off.p50, 2)).join(' / ')} ms   p99 ${rounds.map((r) => f(r.off.p99, 2)).join(' / ')} ms   ${rounds.map((r) => f(r.off.n / MEASURE_SECONDS)).join(' / ')} req/s
  shipping on   p50 ${rounds.map((r) => f(r.on.p50, 2)).join(' / ')} ms   p99 ${rounds.map((r) => f(r.on.p99, 2)).join(' / ')} ms   ${rounds.map((r) => f(r.on.n / MEASURE_SECONDS)).join(' / ')} req/s
  p99 overhead, median of rounds: ${f(p99Off, 2)} -> ${f(p99On, 2)} ms = ${overhead >= 0 ? '+' : ''}${f(overhead, 1)} %
  p99 overhead, quietest round:   ${f(best.off.p99, 2)} -> ${f(best.on.p99, 2)} ms = ${quietest >= 0 ? '+' : ''}${f(quietest, 1)} %
  load average (1 min) before/after: ${loadBefore} / ${loadavg()[0].toFixed(1)} on ${cpus().length} cores
`);
} finally {
  await client.end().catch(() => undefined);
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length) await raw.del(...keys);
  raw.disconnect();
  await db.drop();
}
