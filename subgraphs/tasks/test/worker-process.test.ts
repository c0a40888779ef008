import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeats } from '../src/modules/engine/heartbeats.js';
import { configEnv, type Harness, startTasks } from './setup.js';
import type { Caller } from './support/tokens.js';

const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url));
/** Each test boots two worker processes; on a loaded machine that alone takes seconds. */
const PATIENCE = 60_000;

/** Real worker processes (the built `trae-tasks worker`), so a kill is a real kill. */
describe('worker processes', () => {
  let h: Harness;
  let alice: Caller;
  let beats: Heartbeats;
  let prefixed: Redis;
  const children: ChildProcess[] = [];

  const startWorker = async (env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [ENTRY, 'worker'], {
      env: { ...process.env, ...configEnv(h.config), WORKER_PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    await expect
      .poll(async () => (await beats.live()).some((b) => b.pid === child.pid), { timeout: 15_000 })
      .toBe(true);
    return child;
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build the package first (npm run build)`);
    h = await startTasks();
    alice = await h.tokens.caller('USER');
    prefixed = new Redis(h.config.REDIS_URL, { keyPrefix: h.prefix });
    beats = new Heartbeats(prefixed);
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    prefixed?.disconnect();
    await h?.stop();
  });

  it(
    'hands the task of a killed worker to another worker, which finishes it',
    async () => {
      const workers = [await startWorker(), await startWorker()];
      const r = await h.gql<{ createTask: { id: string } }>(
        'mutation { createTask(input: { agent: "system", type: "noop", input: { sleepMs: 4000, echo: "survived" } }) { id } }',
        {},
        alice.token,
      );
      const id = r.data!.createTask.id;
      // Whichever worker took the task says so in its heartbeat; that one dies mid-task, once the row
      // says RUNNING (an attempt is written as RUNNING after TASK_MARK_RUNNING_MS).
      const status = async () =>
        (await h.api.sql.query<{ status: string }>('select status from task_queue where id = $1', [id]))[0]
          .status;
      let busy: number | undefined;
      await expect
        .poll(
          async () => {
            busy = (await beats.live()).find((b) => b.running > 0)?.pid;
            return (await status()) === 'RUNNING' ? busy : undefined;
          },
          { timeout: 10_000, interval: 100 },
        )
        .toBeTypeOf('number');
      const victim = workers.find((w) => w.pid === busy)!;
      const survivor = workers.find((w) => w !== victim)!;
      victim.kill('SIGKILL');
      await exited(victim);
      expect(await status()).toBe('RUNNING');

      await expect.poll(status, { timeout: 20_000, interval: 200 }).toBe('SUCCEEDED');
      const [row] = await h.api.sql.query<{ attempts: number; result: unknown }>(
        'select attempts, result from task_queue where id = $1',
        [id],
      );
      expect(row).toEqual({ attempts: 2, result: { ok: true, echo: 'survived' } });
      // The dead worker's heartbeat expires on its own; the live one stays.
      await expect
        .poll(async () => (await beats.live()).map((b) => b.pid), { timeout: 5_000 })
        .toEqual([survivor.pid]);

      survivor.kill('SIGTERM');
      expect(await exited(survivor)).toBe(0);
      expect(await beats.live()).toEqual([]);
    },
    PATIENCE,
  );

  const sleepTask = async (sleepMs: number) =>
    (
      await h.gql<{ createTask: { id: string } }>(
        'mutation($input: JSON!) { createTask(input: { agent: "system", type: "noop", input: $input }) { id } }',
        { input: { sleepMs, echo: 'done' } },
        alice.token,
      )
    ).data!.createTask.id;
  const rows = (ids: string[]) =>
    h.api.sql.query<{ id: string; status: string; attempts: number }>(
      'select id, status, attempts from task_queue where id = any($1::uuid[]) order by id',
      [ids],
    );
  const runningOn = async (child: ChildProcess) =>
    (await beats.live()).find((b) => b.pid === child.pid)?.running ?? 0;

  it(
    'hands tasks still running when the drain ends back to the queue, where another worker starts them at once',
    async () => {
      // Locks of 30 s: a hand-over within seconds cannot be BullMQ's stall detection.
      const slow = { WORKER_LOCK_MS: '30000', WORKER_DRAIN_MS: '1000', SHUTDOWN_TIMEOUT_MS: '5000' };
      const stopping = await startWorker(slow);
      const ids = await Promise.all([1, 2, 3].map(() => sleepTask(6_000)));
      await expect.poll(() => runningOn(stopping), { timeout: 10_000, interval: 100 }).toBe(3);
      await expect
        .poll(async () => (await rows(ids)).map((r) => r.status), { timeout: 5_000, interval: 100 })
        .toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
      const taker = await startWorker(slow);

      const stoppedAt = Date.now();
      stopping.kill('SIGTERM');
      expect(await exited(stopping)).toBe(0);
      const exitMs = Date.now() - stoppedAt;
      await expect.poll(() => runningOn(taker), { timeout: 4_000, interval: 100 }).toBe(3);
      const takenMs = Date.now() - stoppedAt;
      // Drain (1 s) plus the hand-over, well inside SHUTDOWN_TIMEOUT_MS; taken over within seconds.
      expect(exitMs).toBeLessThan(4_000);
      expect(takenMs).toBeLessThan(exitMs + 4_000);

      await expect
        .poll(async () => (await rows(ids)).map((r) => [r.status, r.attempts]), {
          timeout: 20_000,
          interval: 200,
        })
        .toEqual(ids.map(() => ['SUCCEEDED', 2]));
      const logs = await h.api.sql.query<{ task_id: string; message: string }>(
        `select task_id, message from task_logs where task_id = any($1::uuid[]) and level = 'WARN'`,
        [ids],
      );
      expect(logs.map((l) => l.message)).toEqual(
        ids.map(() => 'attempt 1 stopped: its worker shut down before it finished; handed back to the queue'),
      );
      taker.kill('SIGTERM');
      expect(await exited(taker)).toBe(0);
      // BullMQ runs one stall check per queue per stalledInterval across workers (a `stalled-check`
      // key); these 30 s workers set it for 30 s, which would hold back the next test's hand-over.
      await prefixed.del(...['system', 'research', 'content'].map((agent) => `bull:${agent}:stalled-check`));
    },
    PATIENCE,
  );

  it(
    'hands the tasks of a SIGKILLed worker to a live one within seconds, long before their locks expire',
    async () => {
      // Locks of 30 s: a hand-over within seconds is the heartbeat's, not BullMQ's stalled check.
      const env = { WORKER_LOCK_MS: '30000', WORKER_DEAD_AFTER_MS: '1500' };
      // The victim runs one task at a time, so the second task goes to the survivor (the first must
      // outlast the survivor's start, which takes seconds on a loaded machine).
      const victim = await startWorker({ ...env, WORKER_CONCURRENCY: '1' });
      const handed = await sleepTask(10_000);
      await expect.poll(() => runningOn(victim), { timeout: 10_000, interval: 50 }).toBe(1);
      const survivor = await startWorker(env);
      // Longer than the dead-worker limit many times over: a healthy long task is never taken away.
      const long = await sleepTask(12_000);
      await expect.poll(() => runningOn(survivor), { timeout: 10_000, interval: 50 }).toBe(1);
      await expect
        .poll(async () => (await rows([handed, long])).map((r) => r.status), { timeout: 5_000, interval: 50 })
        .toEqual(['RUNNING', 'RUNNING']);
      const victimId = (await beats.live()).find((b) => b.pid === victim.pid)!.id;

      const killedAt = Date.now();
      victim.kill('SIGKILL');
      await exited(victim);
      await expect
        .poll(async () => (await rows([handed]))[0].attempts, { timeout: 10_000, interval: 50 })
        .toBe(2);
      const takenMs = Date.now() - killedAt;
      // The beat's 1.5 s, a beat of the survivor and the start; nowhere near the 30 s lock.
      expect(takenMs).toBeLessThan(5_000);

      await expect
        .poll(async () => (await rows([handed, long])).map((r) => r.status), {
          timeout: 30_000,
          interval: 200,
        })
        .toEqual(['SUCCEEDED', 'SUCCEEDED']);
      const attempts = Object.fromEntries((await rows([handed, long])).map((r) => [r.id, r.attempts]));
      expect(attempts).toEqual({ [handed]: 2, [long]: 1 });
      const { url } = (await beats.live()).find((b) => b.pid === survivor.pid)!;
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/^tasks_handed_over_total\{agent="system",service="tasks-worker"\} 1$/m);
      // The dead worker is forgotten once its tasks are handed over.
      expect(await prefixed.zscore('workers', victimId)).toBeNull();
      expect(await prefixed.hexists('workers:locks', victimId)).toBe(0);
      console.log(`SIGKILLed worker: its task ran again ${takenMs} ms after the kill (30 s locks)`);

      survivor.kill('SIGTERM');
      expect(await exited(survivor)).toBe(0);
      await prefixed.del(...['system', 'research', 'content'].map((agent) => `bull:${agent}:stalled-check`));
    },
    PATIENCE,
  );

  it(
    'counts an attempt whose worker died before the row said RUNNING',
    async () => {
      // The row is never marked RUNNING: only BullMQ saw the first attempt start.
      const unmarked = { TASK_MARK_RUNNING_MS: '60000' };
      const victim = await startWorker(unmarked);
      const id = await sleepTask(3_000);
      await expect.poll(() => runningOn(victim), { timeout: 10_000, interval: 50 }).toBe(1);
      victim.kill('SIGKILL');
      await exited(victim);
      expect(await rows([id])).toEqual([{ id, status: 'QUEUED', attempts: 0 }]);

      const survivor = await startWorker(unmarked);
      await expect
        .poll(async () => (await rows([id]))[0].status, { timeout: 20_000, interval: 200 })
        .toBe('SUCCEEDED');
      expect((await rows([id]))[0].attempts).toBe(2);
      survivor.kill('SIGTERM');
      expect(await exited(survivor)).toBe(0);
    },
    PATIENCE,
  );
});
