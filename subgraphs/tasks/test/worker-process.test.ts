import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeats } from '../src/engine/heartbeats.js';
import { configEnv, type Harness, startTasks } from './setup.js';
import type { Caller } from './support/tokens.js';

const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Real worker processes (the built `trae-tasks worker`), so a kill is a real kill. */
describe('worker processes', () => {
  let h: Harness;
  let alice: Caller;
  let beats: Heartbeats;
  let prefixed: Redis;
  const children: ChildProcess[] = [];

  const startWorker = async () => {
    const child = spawn(process.execPath, [ENTRY, 'worker'], {
      env: { ...process.env, ...configEnv(h.config), WORKER_PORT: '0', LOG_LEVEL: 'warn' },
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

  it('hands the task of a killed worker to another worker, which finishes it', async () => {
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
  });
});
