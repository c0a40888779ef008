import { DEFAULT_RESTARTS, type RestartEvent } from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const WORKER = 'tasks-worker';
/** Long enough to be killed mid-way, and for a second run to show it ran through once more. */
const LONG_MS = 8_000;
const SHORT = 4;
const SHORT_MS = 3_000;
const CREATE = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
const STATS = 'query { queueStats { agent waiting active delayed workers tasksStranded } }';

type Row = {
  id: string;
  status: string;
  attempts: number;
  started_at: Date | null;
  completed_at: Date | null;
};

/** The only worker killed with -9 while it runs tasks; the launcher starts it again, with the defaults. */
describe('fault: worker killed mid-task', () => {
  let p: Platform;
  let admin: string;
  let db: pg.Client;
  const restarts: RestartEvent[] = [];
  const rows = async (ids: string[]) =>
    (
      await db.query<Row>(
        'select id, status, attempts, started_at, completed_at from tasks.task_queue where id = any($1::uuid[])',
        [ids],
      )
    ).rows;
  const metric = (text: string, line: RegExp) => Number(line.exec(text)?.[1] ?? 0);

  beforeAll(async () => {
    p = await bootPlatform(
      'faults-worker-kill',
      {},
      { restart: DEFAULT_RESTARTS, onRestart: (e) => restarts.push(e) },
    );
    db = new pg.Client({ connectionString: p.databaseUrl });
    await db.connect();
    admin = await p.login();
  });
  afterAll(async () => {
    await db?.end();
    await p?.stop();
  });

  it('hands its running tasks to the restarted worker within seconds; each runs through once more, counted', async () => {
    const inputs = [
      { agent: 'system', type: 'noop', input: { sleepMs: LONG_MS, echo: 'long' } },
      ...Array.from({ length: SHORT }, (_, i) => ({
        agent: 'system',
        type: 'noop',
        input: { sleepMs: SHORT_MS, echo: `short${i}` },
      })),
    ];
    const made = await p.gql<{ createTasks: { id: string }[] }>(CREATE, { i: inputs }, admin);
    expect(made.errors).toBeUndefined();
    const ids = made.data!.createTasks.map((t) => t.id);
    const [long] = ids;
    await expect
      .poll(async () => (await rows(ids)).filter((r) => r.status === 'RUNNING').length, {
        timeout: 15_000,
        interval: 100,
      })
      .toBe(ids.length);

    const killed = p.pid(WORKER)!;
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    await expect
      .poll(() => restarts.some((e) => e.kind === 'restarted' && e.name === WORKER), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);
    const readyMs = Date.now() - killedAt;
    expect(p.pid(WORKER)).not.toBe(killed);

    // Its second attempt is written with the time it started.
    await expect
      .poll(async () => (await rows([long]))[0].attempts, { timeout: 30_000, interval: 100 })
      .toBe(2);
    const [again] = await rows([long]);
    const ranAgainMs = again.started_at!.getTime() - killedAt;
    // The dead worker's beat lapses after WORKER_DEAD_AFTER_MS (5 s); its locks would hold for 30 s.
    expect(ranAgainMs).toBeLessThan(10_000);

    await expect
      .poll(async () => (await rows(ids)).map((r) => r.status), { timeout: 30_000, interval: 250 })
      .toEqual(ids.map(() => 'SUCCEEDED'));
    const done = new Map((await rows(ids)).map((r) => [r.id, r]));
    for (const id of ids) {
      const r = done.get(id)!;
      expect(r.attempts).toBe(2);
      // The second attempt began after the kill and ran its whole sleep.
      expect(r.started_at!.getTime()).toBeGreaterThan(killedAt);
      expect(r.completed_at!.getTime() - r.started_at!.getTime()).toBeGreaterThanOrEqual(
        id === long ? LONG_MS : SHORT_MS,
      );
    }
    // The restarted worker took every one back and finished each exactly once.
    const metrics = await (await fetch(`${p.services[WORKER]}/metrics`)).text();
    expect(metric(metrics, /^tasks_handed_over_total\{agent="system"[^}]*\} (\d+)$/m)).toBe(ids.length);
    expect(
      metric(metrics, /^tasks_settled_total\{agent="system",type="noop",status="SUCCEEDED"[^}]*\} (\d+)$/m),
    ).toBe(ids.length);
    // Nothing else stuck: no job left active or waiting, none stranded, one live worker.
    const stats = await p.gql<{ queueStats: Record<string, unknown>[] }>(STATS, {}, admin);
    expect(stats.data!.queueStats.find((s) => s.agent === 'system')).toEqual({
      agent: 'system',
      waiting: 0,
      active: 0,
      delayed: 0,
      workers: 1,
      tasksStranded: 0,
    });
    console.log(
      `worker kill: restarted and ready ${readyMs} ms after the kill; its tasks ran again ${ranAgainMs} ms after it`,
    );
  }, 150_000);
});
