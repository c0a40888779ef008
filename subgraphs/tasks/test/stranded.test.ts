import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, type Harness, startTasks, workerUrl } from './setup.js';
import type { Caller } from './support/tokens.js';

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { id } }`;
const STATS = '{ queueStats { agent tasksStranded } }';

describe('tasks whose jobs Redis lost', () => {
  let h: Harness;
  let alice: Caller;
  let admin: Caller;

  beforeAll(async () => {
    h = await startTasks({ TASK_STRANDED_AFTER_MS: '1000', RECONCILE_BATCH: '10' });
    [alice, admin] = await Promise.all([h.tokens.caller('USER'), h.tokens.caller('ADMIN')]);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const stranded = async () => {
    const r = await h.gql<{ queueStats: { agent: string; tasksStranded: number }[] }>(STATS, {}, admin.token);
    return r.data!.queueStats.find((q) => q.agent === 'system')!.tasksStranded;
  };
  const agentsHealth = async () =>
    (await request(h.api.app).get('/internal/agents/health').set('x-internal-auth', h.config.INTERNAL_SECRET))
      .body as {
      status: string;
      stranded: number;
      reason?: string;
      queues: Record<string, { waiting: number; oldestWaitingSeconds: number }>;
    };

  it('counts them as stranded, degrades health, and the reconciler walk enqueues every one again, a batch per pass', async () => {
    // Arrange: 25 queued tasks the reconciler had long marked enqueued, and one RUNNING on its first
    // attempt; then Redis loses every BullMQ key (a crash rolled it back).
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await h.gql<{ createTask: { id: string } }>(
        CREATE,
        { i: { agent: 'system', type: 'noop' } },
        alice.token,
      );
      expect(r.errors).toBeUndefined();
      ids.push(r.data!.createTask.id);
    }
    const running = randomUUID();
    await h.api.sql.query(
      `insert into task_queue (id, task_type, agent, status, task_data, attempts, max_attempts, created_by, created_by_role, started_at)
       values ($1, 'noop', 'system', 'RUNNING', '{}', 1, 3, $2, 'USER', now())`,
      [running, alice.id],
    );
    await h.api.sql.query(
      `update task_queue set enqueued_at = now() - interval '1 minute', updated_at = now() - interval '1 minute'`,
    );
    await deleteKeys(h.redis, `${h.prefix}bull:`);
    expect(await h.api.queues.queue('system').getJob(ids[0])).toBeUndefined();

    // Assert: PostgreSQL says what Redis cannot.
    expect(await stranded()).toBe(25);
    const metrics = await request(h.api.app).get('/metrics');
    expect(metrics.text).toMatch(/tasks_stranded\{[^}]*agent="system"[^}]*\} 25/);
    const oldest = Number(
      /tasks_oldest_waiting_seconds\{[^}]*agent="system"[^}]*\} (\d+)/.exec(metrics.text)?.[1],
    );
    expect(oldest).toBeGreaterThanOrEqual(60);
    const worker = await h.worker({ RECONCILE_INTERVAL_MS: '600000' });
    // The test drives the passes itself.
    await worker.reconciler.stop();
    const degraded = await agentsHealth();
    expect(degraded).toMatchObject({
      status: 'degraded',
      stranded: 25,
      reason: '25 tasks waited over 1s for a worker',
    });
    // The "Queue stalled" alert's input: the queued tasks have waited since their last change.
    expect(degraded.queues.system.oldestWaitingSeconds).toBeGreaterThanOrEqual(60);
    expect(degraded.queues.system.oldestWaitingSeconds).toBeLessThan(120);
    expect(degraded.queues.research.oldestWaitingSeconds).toBe(0);

    // Act: 26 open tasks, batches of 10.
    const passes: number[] = [];
    for (let i = 0; i < 4; i++) passes.push((await worker.reconciler.sweep()).recovered);

    // Assert: three passes found them all, the fourth found nothing to do.
    expect(passes).toEqual([10, 10, 6, 0]);
    const all = [...ids, running];
    await expect
      .poll(
        async () =>
          (
            await h.api.sql.query<{ n: number }>(
              `select count(*)::int as n from task_queue where id = any($1::uuid[]) and status = 'SUCCEEDED'`,
              [all],
            )
          )[0].n,
        { timeout: 20_000, interval: 200 },
      )
      .toBe(26);
    const attempts = await h.api.sql.query<{ id: string; attempts: number }>(
      'select id, attempts from task_queue where id = any($1::uuid[])',
      [all],
    );
    // Every start counted: the lost RUNNING attempt was the first, its rerun the second.
    expect(attempts.find((r) => r.id === running)?.attempts).toBe(2);
    expect(attempts.filter((r) => r.id !== running).every((r) => r.attempts === 1)).toBe(true);
    expect(await stranded()).toBe(0);
    const healthy = await agentsHealth();
    expect(healthy).toMatchObject({ status: 'up', stranded: 0 });
    expect(healthy.queues.system.oldestWaitingSeconds).toBe(0);
    const counter = await (await fetch(`${await workerUrl(h, worker.id)}/metrics`)).text();
    expect(counter).toMatch(/tasks_recovered_total\{[^}]*\} 26/);
  });

  it('finds a lost job on its own timer within the bound, once the task is past the grace period', async () => {
    await h.worker();
    const r = await h.gql<{ createTask: { id: string } }>(
      CREATE,
      { i: { agent: 'system', type: 'noop', runAt: new Date(Date.now() + 60_000).toISOString() } },
      alice.token,
    );
    const { id } = r.data!.createTask;
    // The reconciler marks it (its delayed job is found), then Redis loses the job.
    await expect
      .poll(
        async () =>
          (
            await h.api.sql.query<{ e: Date | null }>(
              'select enqueued_at as e from task_queue where id = $1',
              [id],
            )
          )[0].e,
        { timeout: 10_000, interval: 100 },
      )
      .not.toBeNull();
    await h.api.queues.remove('system', id);
    await h.api.sql.query(
      `update task_queue set run_at = now(), updated_at = now() - interval '1 minute' where id = $1`,
      [id],
    );
    const lostAt = Date.now();
    await expect
      .poll(
        async () =>
          (await h.api.sql.query<{ status: string }>('select status from task_queue where id = $1', [id]))[0]
            .status,
        {
          timeout: 20_000,
          interval: 100,
        },
      )
      .toBe('SUCCEEDED');
    // FAST passes every 300 ms; with the default 10 s the same walk takes ceil(open / 1000) passes.
    expect(Date.now() - lostAt).toBeLessThan(15_000);
    // Its own waits (a worker's start, 10 s, then 20 s) bound it; the file's 20 s default would cut them short.
  }, 45_000);
});
