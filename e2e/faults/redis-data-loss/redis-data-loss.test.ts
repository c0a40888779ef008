import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RedisServer, startRedisServer } from '@trae/launcher';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const TASKS = 300;
const BATCH = 100;
/** Far enough ahead that the reconciler has seen (and marked) every job, and the worker is stopped, first. */
const DUE_IN_MS = 8_000;
const CREATE = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
const STATS = '{ queueStats { agent waiting delayed tasksStranded } }';
type Stats = { agent: string; waiting: number; delayed: number; tasksStranded: number };
type Row = { status: string; attempts: number; n: number };

/**
 * Redis killed with -9 and its files deleted (a crash that loses what AOF had not written, taken to the
 * whole queue) with 300 tasks queued and no worker able to take them: the worker is stopped (SIGSTOP)
 * until Redis is back, empty. PostgreSQL alone knows the tasks; every one must still run, once.
 */
describe('fault: Redis loses its data with tasks queued', () => {
  let p: Platform;
  let redis: RedisServer;
  let port: number;
  let dir: string;
  let admin: string;
  let db: pg.Client;
  let worker: number | undefined;
  const tally = async (ids: string[]) =>
    (
      await db.query<Row>(
        'select status, attempts, count(*)::int as n from tasks.task_queue where id = any($1::uuid[]) group by 1, 2',
        [ids],
      )
    ).rows;
  const stranded = async () => {
    const r = await p.gql<{ queueStats: Stats[] }>(STATS, {}, admin);
    return r.data?.queueStats.find((s) => s.agent === 'system');
  };

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'trae-fault-redis-loss-'));
    redis = await startRedisServer({ port, dir });
    // Short reconciler and stranded periods (defaults 10 s, 15 s grace, 60 s) keep the scenario short;
    // the walk that finds lost jobs is the same code at any period.
    p = await bootPlatform(
      'faults-redis-loss',
      { RECONCILE_INTERVAL_MS: '1000', RECONCILE_GRACE_MS: '1000', TASK_STRANDED_AFTER_MS: '1000' },
      { redisUrl: redis.url },
    );
    db = new pg.Client({ connectionString: p.databaseUrl });
    await db.connect();
    admin = await p.login();
  });
  afterAll(async () => {
    if (worker) process.kill(worker, 'SIGCONT');
    await db?.end();
    await p?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every task again from PostgreSQL, runs each once, and shows them stranded meanwhile', async () => {
    const runAt = new Date(Date.now() + DUE_IN_MS).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i += BATCH) {
      const inputs = Array.from({ length: BATCH }, (_, j) => ({
        agent: 'system',
        type: 'noop',
        input: { echo: i + j },
        runAt,
      }));
      const made = await p.gql<{ createTasks: { id: string }[] }>(CREATE, { i: inputs }, admin);
      expect(made.errors).toBeUndefined();
      ids.push(...made.data!.createTasks.map((t) => t.id));
    }
    // The reconciler found each job in BullMQ and marked its row enqueued: the state in which the old
    // reconciler never looked at a task again.
    await expect
      .poll(
        async () =>
          (
            await db.query<{ n: number }>(
              'select count(*)::int as n from tasks.task_queue where id = any($1::uuid[]) and enqueued_at is not null',
              [ids],
            )
          ).rows[0].n,
        { timeout: 15_000, interval: 250 },
      )
      .toBe(TASKS);

    worker = p.pid('tasks-worker')!;
    process.kill(worker, 'SIGSTOP');
    expect(await tally(ids)).toEqual([{ status: 'PENDING', attempts: 0, n: TASKS }]);
    process.kill(redis.process.pid as number, 'SIGKILL');
    await redis.process.exited;
    rmSync(dir, { recursive: true, force: true });
    redis = await startRedisServer({ port, dir });
    const back = performance.now();
    const probe = new Redis(redis.url);
    expect(await probe.dbsize()).toBe(0);
    probe.disconnect();
    expect(readdirSync(dir).filter((f) => f.endsWith('.rdb'))).toEqual([]);

    // Due, not started, and nowhere in the queue: only PostgreSQL still knows them.
    await expect
      .poll(async () => (await stranded())?.tasksStranded, { timeout: 30_000, interval: 250 })
      .toBe(TASKS);
    expect(await stranded()).toMatchObject({ waiting: 0, delayed: 0 });

    process.kill(worker, 'SIGCONT');
    worker = undefined;
    const resumed = performance.now();
    await expect
      .poll(async () => (await tally(ids)).find((r) => r.status === 'SUCCEEDED')?.n ?? 0, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(TASKS);
    const doneMs = performance.now() - resumed;
    // The bound, counted from Redis's return (the stopped worker's wait included).
    expect(performance.now() - back).toBeLessThan(90_000);
    // Each counted start is a real one: none ran twice, though every job was enqueued a second time.
    expect(await tally(ids)).toEqual([{ status: 'SUCCEEDED', attempts: 1, n: TASKS }]);
    await expect
      .poll(async () => (await stranded())?.tasksStranded, { timeout: 10_000, interval: 250 })
      .toBe(0);
    console.log(
      `redis data loss with ${TASKS} queued: all SUCCEEDED ${Math.round(doneMs)} ms after the worker resumed (${Math.round(performance.now() - back)} ms after Redis came back empty, ${TASKS} stranded meanwhile)`,
    );
  }, 150_000);
});
