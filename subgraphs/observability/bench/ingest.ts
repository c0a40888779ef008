// npm run bench:observability — log ingestion end to end, and what shipping costs a service.
// 1. drain: a backlog of shipped lines in the stream, stored by one consumer (Redis -> PostgreSQL).
// 2. live: a producer process logging at a fixed rate through the kit's logger while the consumer runs.
// 3. overhead: p50/p99 and CPU per request of a kit service's GraphQL requests (4 log lines each) with
//    shipping off and on, plus a second shipping-off copy as a control (what noise alone makes of the
//    same code), all running at once under the same load; the consumer is stopped so only the service
//    is measured.
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createLogger, internalHeaders, LogShipper } from '@trae/kit';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { createObservability, loadObservabilityConfig } from '@trae/observability';
import { Redis } from 'ioredis';
import pg from 'pg';

const DRAIN_LINES = 200_000;
const LIVE_RATE = 30_000;
const LIVE_SECONDS = 6;
const ROUNDS = 9;
const MEASURE_SECONDS = 4;
// With 1 s of warm-up the first rounds ran at a fifth of the later rounds' rate, at twice their CPU per
// request, on every side alike (JIT warm-up, and the earlier phases' PostgreSQL work settling).
const WARM_SECONDS = 6;
const CONCURRENCY = 8;

const loadBefore = loadavg()[0].toFixed(1);
const db = await createTestDatabase('obsbench');
const prefix = testRedisPrefix('obsbench');
/** The bench calls its log services directly, as another service would. */
const INTERNAL_SECRET = 'bench-ingest-internal-secret';
const baseEnv = {
  DATABASE_URL: db.url,
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: prefix,
  LOG_LEVEL: 'info',
  INTERNAL_SECRET,
};
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

type Side = 'off' | 'on' | 'control';
const SIDES: Side[] = ['off', 'on', 'control'];
type Service = Awaited<ReturnType<typeof service>>;

/**
 * All services run at once and every connection rotates between them, so machine noise (other work
 * on a shared box) falls on each alike. CPU per request is read from each service process: it shows
 * what shipping costs directly, where a p99 mostly shows the machine.
 */
async function compare(seconds: number, services: Record<Side, Service>) {
  const latencies = { off: [] as number[], on: [] as number[], control: [] as number[] };
  const body = JSON.stringify({ query: '{ ping }' });
  const cpuBefore = await Promise.all(SIDES.map((side) => services[side].cpu()));
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, c) => {
      for (let i = c; performance.now() < end; i++) {
        const side = SIDES[i % SIDES.length];
        const t = performance.now();
        const res = await fetch(services[side].url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...internalHeaders(INTERNAL_SECRET) },
          body,
        });
        await res.arrayBuffer();
        latencies[side].push(performance.now() - t);
      }
    }),
  );
  const cpuAfter = await Promise.all(SIDES.map((side) => services[side].cpu()));
  const stats = (xs: number[], k: number) => {
    xs.sort((a, b) => a - b);
    const cpuUs = (cpuAfter[k] - cpuBefore[k]) / xs.length;
    return { n: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99), cpuUs };
  };
  return { off: stats(latencies.off, 0), on: stats(latencies.on, 1), control: stats(latencies.control, 2) };
}

async function service(shipping: boolean) {
  const proc = child('./log-service.js', { LOG_SHIPPING: String(shipping) });
  const { port } = await message<{ port: number }>(proc);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    /** The process's CPU time so far, in µs (user + system). */
    cpu: async () => {
      const reply = message<{ cpu: number }>(proc);
      proc.send('cpu');
      return (await reply).cpu;
    },
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
  const [off, on, control] = await Promise.all([service(false), service(true), service(false)]);
  const services = { off, on, control };
  await compare(WARM_SECONDS, services);
  const rounds: Awaited<ReturnType<typeof compare>>[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await compare(MEASURE_SECONDS, services));
  await Promise.all([off.stop(), on.stop(), control.stop()]);
  const vsOff = (side: Side, of: (r: (typeof rounds)[0][Side]) => number) => {
    const a = median(rounds.map((r) => of(r.off)));
    const b = median(rounds.map((r) => of(r[side])));
    // Paired: each round's own ratio, then the median, so a noisy round moves one value only.
    const paired = median(rounds.map((r) => (of(r[side]) / of(r.off) - 1) * 100));
    return { a, b, overhead: ((b - a) / a) * 100, paired };
  };
  const p99 = vsOff('on', (x) => x.p99);
  const p99Control = vsOff('control', (x) => x.p99);
  const cpu = vsOff('on', (x) => x.cpuUs);
  const cpuControl = vsOff('control', (x) => x.cpuUs);
  const f = (n: number, d = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const signed = (n: number) => `${n >= 0 ? '+' : ''}${f(n, 1)}`;
  const each = (side: Side, of: (r: (typeof rounds)[0][Side]) => string) =>
    rounds.map((r) => of(r[side])).join(' / ');
  const label = { off: 'shipping off', on: 'shipping on', control: 'shipping off (control)' };
  const sideRows = (side: Side) => `  ${label[side].padEnd(22)} p50 ${each(side, (x) => f(x.p50, 2))} ms
  ${''.padEnd(22)} p99 ${each(side, (x) => f(x.p99, 2))} ms
  ${''.padEnd(22)} CPU ${each(side, (x) => f(x.cpuUs))} µs/request, ${each(side, (x) => f(x.n / MEASURE_SECONDS))} req/s`;
  console.log(`
Log ingestion (one consumer, batches of ${config.LOG_BATCH_SIZE}, 1% error lines grouped)
  drain  ${f(DRAIN_LINES)} queued lines stored in ${f(drainSeconds, 2)} s: ${f(drainRate)} lines/s
  live   producer at ${f(LIVE_RATE)} lines/s for ${LIVE_SECONDS} s (${f(shipped.shipped)} shipped, ${f(shipped.dropped)} dropped): ${f(liveRate)} lines/s stored end to end

Request latency of a service logging 4 lines per request (${CONCURRENCY} connections over 3 services, ${WARM_SECONDS} s warm-up, ${ROUNDS} rounds x ${MEASURE_SECONDS} s)
${SIDES.map(sideRows).join('\n')}
  p99 on vs off, median of rounds: ${f(p99.a, 2)} -> ${f(p99.b, 2)} ms = ${signed(p99.overhead)} % (paired by round: ${signed(p99.paired)} %)
  p99 control vs off (noise):      ${f(p99Control.a, 2)} -> ${f(p99Control.b, 2)} ms = ${signed(p99Control.overhead)} % (paired by round: ${signed(p99Control.paired)} %)
  CPU on vs off, median of rounds: ${f(cpu.a)} -> ${f(cpu.b)} µs/request = ${signed(cpu.overhead)} % (paired: ${signed(cpu.paired)} %; control ${signed(cpuControl.paired)} %)
  load average (1 min) before/after: ${loadBefore} / ${loadavg()[0].toFixed(1)} on ${cpus().length} cores
`);
} finally {
  await client.end().catch(() => undefined);
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length) await raw.del(...keys);
  raw.disconnect();
  await db.drop();
}
