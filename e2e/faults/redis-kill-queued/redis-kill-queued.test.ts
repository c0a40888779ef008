import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RedisServer, startRedisServer } from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const TASKS = 500;
const BATCH = 100;
/** Far enough ahead that no task can start before Redis is killed, even on a loaded machine. */
const DUE_IN_MS = 12_000;
const CREATE = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id status } }';

type Row = { status: string; attempts: number; n: number };

/** 500 tasks waiting in BullMQ when Redis is killed with -9, then started again on its port and files. */
describe('fault: Redis killed with tasks queued', () => {
  let p: Platform;
  let redis: RedisServer;
  let port: number;
  let dir: string;
  let admin: string;
  let db: pg.Client;
  const tally = async (ids: string[]) =>
    (
      await db.query<Row>(
        'select status, attempts, count(*)::int as n from tasks.task_queue where id = any($1::uuid[]) group by 1, 2',
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'trae-fault-redis-queued-'));
    redis = await startRedisServer({ port, dir });
    // A short reconciler period, so a job the crash did lose is found again well inside the bound.
    p = await bootPlatform(
      'faults-redis-queued',
      { RECONCILE_INTERVAL_MS: '1000', RECONCILE_GRACE_MS: '3000' },
      { redisUrl: redis.url },
    );
    db = new pg.Client({ connectionString: p.databaseUrl });
    await db.connect();
    admin = await p.login();
  });
  afterAll(async () => {
    await db?.end();
    await p?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every queued task once after Redis comes back', async () => {
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
    // Really queued: written, in BullMQ's delayed set, and not one started yet.
    expect(await tally(ids)).toEqual([{ status: 'PENDING', attempts: 0, n: TASKS }]);

    process.kill(redis.process.pid as number, 'SIGKILL');
    await redis.process.exited;
    // Redis stays away until every task is due, so they all wait on it, not on their clock.
    await new Promise((r) => setTimeout(r, Math.max(2_000, Date.parse(runAt) + 1_000 - Date.now())));
    redis = await startRedisServer({ port, dir });
    const back = performance.now();

    await expect
      .poll(async () => (await tally(ids)).find((r) => r.status === 'SUCCEEDED')?.n ?? 0, {
        timeout: 90_000,
        interval: 1_000,
      })
      .toBe(TASKS);
    const doneMs = performance.now() - back;
    // No task had started when Redis died, so the fault explains no extra attempt: each ran exactly once.
    // (A job the crash lost is enqueued again with the attempts its row has left; none had any.)
    expect(await tally(ids)).toEqual([{ status: 'SUCCEEDED', attempts: 1, n: TASKS }]);
    console.log(
      `redis kill with ${TASKS} queued: all SUCCEEDED ${Math.round(doneMs)} ms after Redis returned`,
    );
  }, 150_000);
});
