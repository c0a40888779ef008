/**
 * `npm run bench:tasks`: 10,000 no-op tasks through the whole engine (GraphQL createTasks -> PostgreSQL ->
 * BullMQ -> worker processes -> PostgreSQL), with 1 and 2 worker processes, next to raw BullMQ doing the
 * same no-op jobs with the same process count and concurrency. Prints a Markdown table. Not a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createLogger, createTokenVerifier } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  percentile,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { bullPrefix, createTasksApi, jobOptions, loadTasksConfig, type TasksApi } from '@trae/tasks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { cpuSample, cpuSpent } from './cpu.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
/**
 * Tasks each run pushes through its fresh worker processes before the clock starts, so the figures are
 * those of a platform that has been running (code compiled by the JIT, connections and plans warm) and
 * not of the first seconds after a process starts. The same for every engine; 0 measures cold starts.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BATCH = 100;
/**
 * How often the bench checks for the end. Throughput is read from the rows' own completion times, not
 * from when the check noticed, so checking rarely costs no accuracy; checking often would put a count over
 * the whole table on PostgreSQL's bill for the engine under test.
 */
const POLL_MS = 250;
/**
 * Every engine runs this many times, interleaved (raw, ours, raw, ours…), and the tables show each one's
 * median run: on a small shared machine one run of a few seconds can be 20% off either way.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Requests (or addBulk calls) in flight at once while enqueuing. */
const PARALLEL = 8;
/** Which runs to do, e.g. `BENCH_WORKERS=2 BENCH_ENGINES=ours` while profiling one. */
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'raw,raw-options,service,graphql').split(',');
const USER_ID = '00000000-0000-4000-8000-000000000001';
const ENTRY = fileURLToPath(new URL('../index.js', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
/** Extra node flags for the worker processes, e.g. `--cpu-prof` to see where their time goes. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

interface Result {
  label: string;
  workers: number;
  tasksPerSecond: number;
  enqueuePerSecond: number;
  p50: number;
  p95: number;
  /** CPU seconds spent from the first enqueue to the last completion, by component. */
  cpu: ReturnType<typeof cpuSpent>;
  /** PostgreSQL WAL written meanwhile, per task: what the database writes for each, steadier than CPU. */
  walPerTask: number | null;
}

async function inParallel(total: number, run: (from: number, count: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < total) {
        const from = next;
        next += BATCH;
        await run(from, Math.min(BATCH, total - from));
      }
    }),
  );
}

function spawnWorkers(count: number, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (/ready/.test(chunk.toString())) resolve(child);
        });
        child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
      });
    }),
  );
}

/** Polls until `finished`; a worker that died or a run that stalls ends the bench instead of hanging it. */
async function waitFor(children: ChildProcess[], finished: () => Promise<boolean>, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await finished())) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    const problem = dead
      ? `a worker exited (${dead.exitCode ?? dead.signalCode}) before the run finished`
      : Date.now() > deadline && `the run did not finish within ${timeoutMs / 1000} s`;
    if (problem) {
      await stopAll(children.filter((c) => c.exitCode === null && c.signalCode === null));
      throw new Error(problem);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const stopAll = (children: ChildProcess[]) =>
  Promise.all(
    children.map((c) => {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      return exited;
    }),
  );

/** How tasks get in: a client calling `createTasks` over HTTP, or the service API in-process. */
type Submit = (count: number) => Promise<void>;

function viaGraphql(url: string, token: string, internalSecret: string): Submit {
  const mutation = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
  const inputs = Array.from({ length: BATCH }, () => ({ agent: 'system', type: 'noop' }));
  return async (count) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        // A client reaches the service through the gateway; the bench stands in for it.
        ...gatewayHeaders(internalSecret),
      },
      body: JSON.stringify({ query: mutation, variables: { i: inputs.slice(0, count) } }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
}

function viaService(api: TasksApi): Submit {
  const user = { id: USER_ID, role: 'USER' as const };
  return async (count) => {
    await api.services.tasks.createMany(
      user,
      Array.from({ length: count }, () => ({ agent: 'system', type: 'noop' })),
    );
  };
}

async function ours(
  api: TasksApi,
  label: string,
  submit: Submit,
  workers: number,
  env: NodeJS.ProcessEnv,
): Promise<Result> {
  // The table as a running platform has it: earlier runs' rows as history, and statistics (autovacuum's
  // ANALYZE) that tell the planner to look tasks up by id rather than scan.
  await api.sql.query('analyze task_queue');
  const children = await spawnWorkers(workers, [ENTRY, 'worker'], env);
  const finishedSince = async (since: Date, count: number) => {
    const [{ n }] = await api.sql.query<{ n: number }>(
      `select count(*)::int as n from task_queue where status = 'SUCCEEDED' and created_at >= $1`,
      [since],
    );
    return n === count;
  };
  const [{ now: warmupSince }] = await api.sql.query<{ now: Date }>('select now()');
  await inParallel(WARMUP, (_from, count) => submit(count));
  await waitFor(children, () => finishedSince(warmupSince, WARMUP));
  const [{ now: since, lsn }] = await api.sql.query<{ now: Date; lsn: string }>(
    'select now(), pg_current_wal_lsn() as lsn',
  );
  const pids = children.map((c) => c.pid!);
  const cpuBefore = cpuSample(pids);
  const started = Date.now();
  await inParallel(TASKS, (_from, count) => submit(count));
  const enqueued = Date.now();
  await waitFor(children, () => finishedSince(since, TASKS));
  const cpu = cpuSpent(cpuBefore, cpuSample(pids));
  const [{ wal }] = await api.sql.query<{ wal: string }>(
    'select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as wal',
    [lsn],
  );
  const rows = await api.sql.query<{ wait: number; done: Date }>(
    `select extract(epoch from started_at - created_at) * 1000 as wait, completed_at as done
       from task_queue where created_at >= $1`,
    [since],
  );
  await stopAll(children);
  const last = Math.max(...rows.map((r) => r.done.getTime()));
  const waits = rows.map((r) => Number(r.wait)).sort((a, b) => a - b);
  return {
    label,
    workers,
    tasksPerSecond: Math.round(TASKS / ((last - started) / 1000)),
    enqueuePerSecond: Math.round(TASKS / ((enqueued - started) / 1000)),
    p50: Math.round(percentile(waits, 50)),
    p95: Math.round(percentile(waits, 95)),
    cpu,
    walPerTask: Math.round(Number(wal) / TASKS),
  };
}

/**
 * Raw BullMQ, plainly (`opts` unset) or with the job options the engine gives every task (a priority, so
 * order holds; retries with backoff; completed jobs trimmed to the last 1,000): what BullMQ's own
 * features cost, apart from our bookkeeping.
 */
async function raw(
  prefix: string,
  workers: number,
  env: NodeJS.ProcessEnv,
  opts?: { backoffMs: number },
): Promise<Result> {
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queue = new Queue('raw', { connection, prefix });
  await queue.obliterate({ force: true });
  const children = await spawnWorkers(workers, [SELF, 'raw-worker'], env);
  const push = (total: number) =>
    inParallel(total, async (from, count) => {
      await queue.addBulk(
        Array.from({ length: count }, (_, i) => ({
          name: 'noop',
          data: { i: from + i },
          ...(opts && {
            opts: jobOptions(
              { id: randomUUID(), jobId: null, priority: 0, maxAttempts: 3, runAt: null },
              opts.backoffMs,
            ),
          }),
        })),
      );
    });
  // Trimmed completed jobs cannot be counted; then the end is when nothing is left to run.
  const nothingLeft = async () => {
    const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    return Object.values(c).every((n) => n === 0);
  };
  const done = async () => (opts ? nothingLeft() : (await queue.getCompletedCount()) >= TASKS);
  await push(WARMUP);
  await waitFor(children, nothingLeft);
  await queue.clean(0, 0, 'completed');
  const pids = children.map((c) => c.pid!);
  const cpuBefore = cpuSample(pids);
  const started = Date.now();
  await push(TASKS);
  const enqueued = Date.now();
  await waitFor(children, done);
  const cpu = cpuSpent(cpuBefore, cpuSample(pids));
  const jobs = await queue.getCompleted(0, TASKS);
  await stopAll(children);
  const last = Math.max(...jobs.map((j) => j.finishedOn ?? 0));
  const waits = jobs.map((j) => (j.processedOn ?? 0) - j.timestamp).sort((a, b) => a - b);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return {
    label: opts ? 'raw BullMQ with the engine job options' : 'raw BullMQ',
    workers,
    tasksPerSecond: Math.round(TASKS / ((last - started) / 1000)),
    enqueuePerSecond: Math.round(TASKS / ((enqueued - started) / 1000)),
    p50: Math.round(percentile(waits, 50)),
    p95: Math.round(percentile(waits, 95)),
    cpu,
    walPerTask: null,
  };
}

/** The raw comparison's worker process: BullMQ and a no-op processor, nothing else. */
async function rawWorker() {
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const worker = new Worker('raw', async () => ({ ok: true }), {
    connection,
    prefix: process.env.BENCH_RAW_PREFIX!,
    concurrency: CONCURRENCY,
    removeOnComplete: { count: TASKS },
  });
  await worker.waitUntilReady();
  console.log('raw worker ready');
  process.once('SIGTERM', async () => {
    await worker.close();
    connection.disconnect();
    process.exit(0);
  });
}

/**
 * A platform that has been running holds finished tasks, and PostgreSQL has statistics on them. On an
 * empty table without statistics the planner picks scans over id lookups (and prepared statements keep
 * those plans) until autovacuum's first ANALYZE, a state a fresh install is in for its first minute only.
 */
const HISTORY = 50_000;

async function seedHistory(api: TasksApi) {
  await api.sql.query(
    `insert into task_queue (id, task_type, agent, status, priority, task_data, max_attempts, attempts, progress,
                             result, created_by, created_by_role, enqueued_at, created_at, started_at, completed_at)
     select gen_random_uuid(), 'noop', 'system', 'SUCCEEDED', 0, '{}', 3, 1, 100, '{"ok": true}',
            gen_random_uuid(), 'USER', t, t, t, t
       from generate_series(now() - interval '30 days', now() - interval '1 minute',
                            (interval '30 days') / $1) as t`,
    [HISTORY],
  );
}

/** Identity's authority route as the workers ask it before each run: the bench's user, active, USER. */
async function identityStandIn(): Promise<{ url: string; close(): void }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"role":"USER","disabled":false}'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function main() {
  const identity = await identityStandIn();
  const db = await createTestDatabase('bench');
  const prefix = testRedisPrefix('bench');
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA' }] };
  const token = await new SignJWT({ role: 'USER' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'bench' })
    .setSubject(USER_ID)
    .setIssuer('trae-identity')
    .setAudience('trae-platform')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    WORKER_PORT: '0',
    IDENTITY_URL: identity.url,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'info',
    BENCH_RAW_PREFIX: bullPrefix(`${prefix}raw:`),
  };
  const config = loadTasksConfig(env);
  const api = await createTasksApi(config, createLogger('tasks', 'warn'), {
    verifyToken: createTokenVerifier({
      issuer: 'trae-identity',
      audience: 'trae-platform',
      keySet: createLocalJWKSet(jwks),
    }),
  });
  const url = `http://127.0.0.1:${await api.listen(0)}/graphql`;
  await seedHistory(api);
  const runs: Result[] = [];
  try {
    for (const workers of WORKER_COUNTS) {
      for (let round = 0; round < ROUNDS; round++) {
        if (ENGINES.includes('raw')) runs.push(await raw(env.BENCH_RAW_PREFIX, workers, env));
        if (ENGINES.includes('raw-options')) {
          runs.push(await raw(env.BENCH_RAW_PREFIX, workers, env, { backoffMs: config.TASK_BACKOFF_MS }));
        }
        if (ENGINES.includes('service')) {
          runs.push(
            await ours(api, 'TRAE engine (service API, PostgreSQL, events)', viaService(api), workers, env),
          );
        }
        if (ENGINES.includes('graphql')) {
          runs.push(
            await ours(
              api,
              'TRAE end to end (GraphQL createTasks over HTTP)',
              viaGraphql(url, token, config.INTERNAL_SECRET),
              workers,
              env,
            ),
          );
        }
      }
    }
  } finally {
    await api.stop();
    identity.close();
    const redis = new Redis(testRedisUrl());
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await db.drop();
  }
  // The median run of each engine (by throughput), and the spread of its runs.
  const results: (Result & { low: number; high: number })[] = [];
  for (const r of runs) {
    if (results.some((x) => x.label === r.label && x.workers === r.workers)) continue;
    const same = runs
      .filter((x) => x.label === r.label && x.workers === r.workers)
      .sort((x, y) => x.tasksPerSecond - y.tasksPerSecond);
    const median = same[Math.floor((same.length - 1) / 2)];
    results.push({ ...median, low: same[0].tasksPerSecond, high: same[same.length - 1].tasksPerSecond });
  }
  console.log(
    `\n${TASKS} no-op tasks after ${WARMUP} warm-up tasks, worker concurrency ${CONCURRENCY}, enqueued in batches of ${BATCH} (${PARALLEL} in flight); median of ${ROUNDS} runs each\n`,
  );
  console.log(
    '| engine | worker processes | end-to-end tasks/s | runs (low to high) | enqueue tasks/s | queue latency p50 (ms) | p95 (ms) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.workers} | ${r.tasksPerSecond} | ${r.low} to ${r.high} | ${r.enqueuePerSecond} | ${r.p50} | ${r.p95} |`,
    );
  }
  console.log(
    '\nCPU seconds from first enqueue to last completion (the bench or API process, the workers, PostgreSQL, Redis):\n',
  );
  console.log(
    '| engine | worker processes | bench/API | workers | PostgreSQL | Redis | total | ms CPU per task | WAL bytes per task |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { label, workers, cpu, walPerTask } of results) {
    const total = cpu.self + cpu.workers + cpu.postgres + cpu.redis;
    const f = (n: number) => n.toFixed(2);
    console.log(
      `| ${label} | ${workers} | ${f(cpu.self)} | ${f(cpu.workers)} | ${f(cpu.postgres)} | ${f(cpu.redis)} | ${f(total)} | ${((total * 1000) / TASKS).toFixed(3)} | ${walPerTask ?? '-'} |`,
    );
  }
  for (const workers of WORKER_COUNTS) {
    const raw = results.find((x) => x.workers === workers && x.label === 'raw BullMQ');
    for (const o of results.filter((x) => x.workers === workers && x !== raw && raw)) {
      console.log(
        `${workers} worker(s): ${o.label} runs at ${Math.round((o.tasksPerSecond / raw!.tasksPerSecond) * 100)}% of raw BullMQ`,
      );
    }
  }
}

if (process.argv[2] === 'raw-worker') await rawWorker();
else await main();
