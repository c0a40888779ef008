import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskJournal } from '../src/modules/engine/journal.js';
import { type Harness, startTasks } from './setup.js';

/** The worker's writes on a real database: what each step leaves in the row, and what it refuses. */
describe('task journal', () => {
  let h: Harness;
  let journal: TaskJournal;

  const insert = async (status = 'QUEUED') => {
    const id = randomUUID();
    await h.api.sql.query(
      `insert into task_queue (id, task_type, agent, status, task_data, created_by_role) values ($1, 'noop', 'system', $2, '{}', 'USER')`,
      [id, status],
    );
    return id;
  };
  const row = async (id: string) =>
    (
      await h.api.sql.query<{ status: string; attempts: number; started_at: Date | null; progress: number }>(
        'select status, attempts, started_at, progress from task_queue where id = $1',
        [id],
      )
    )[0];

  beforeAll(async () => {
    h = await startTasks();
    journal = new TaskJournal(h.api.sql);
  });
  afterAll(async () => {
    await journal?.drain();
    await h?.stop();
  });

  it('starts by reading: the attempt runs as RUNNING while the row still says QUEUED', async () => {
    const id = await insert();
    const task = await journal.start(id);
    expect(task).toMatchObject({ id, status: 'RUNNING', attempts: 1, progress: 0 });
    expect(task!.startedAt).toBeInstanceOf(Date);
    expect(await row(id)).toMatchObject({ status: 'QUEUED', attempts: 0, started_at: null });

    const done = await journal.settle({
      id,
      status: 'SUCCEEDED',
      result: { ok: true },
      startedAt: task!.startedAt!,
      attempts: 1,
      progress: 40,
    });
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, progress: 100, result: { ok: true } });
    expect(await row(id)).toEqual({
      status: 'SUCCEEDED',
      attempts: 1,
      started_at: task!.startedAt,
      progress: 100,
    });
  });

  it("numbers an attempt by the queue's count of starts when earlier ones died before the row counted them", async () => {
    const [short, counted, abandoned] = await Promise.all([insert(), insert(), insert()]);
    // Two starts died unmarked: the queue says this is the third; the row still says 0.
    expect(await journal.start(short, 3)).toMatchObject({ status: 'RUNNING', attempts: 3 });
    // The row's count wins when it is ahead (a job enqueued again with no memory of earlier starts).
    await h.api.sql.query('update task_queue set attempts = 4 where id = $1', [counted]);
    expect(await journal.start(counted, 1)).toMatchObject({ attempts: 5 });

    const [failed] = await journal.failOpen([abandoned], 'lost in flight: stalled too often', 3);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(await row(abandoned)).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('marks a long attempt RUNNING, and refuses to mark or settle a task cancelled meanwhile', async () => {
    const [running, cancelled, finished] = await Promise.all([insert(), insert(), insert('SUCCEEDED')]);
    const [a, b] = await Promise.all([journal.start(running), journal.start(cancelled)]);
    expect(await journal.start(finished)).toBeNull();

    await h.api.sql.query(`update task_queue set status = 'CANCELLED' where id = $1`, [cancelled]);
    // Marks of different tasks share a statement; a cancelled one is refused, and its worker aborts.
    const [markedA, markedB] = await Promise.all([
      journal.markRunning({ ...a!, progress: 10 }),
      journal.markRunning(b!),
    ]);
    expect([markedA, markedB]).toEqual([true, false]);
    expect(await row(running)).toEqual({
      status: 'RUNNING',
      attempts: 1,
      started_at: a!.startedAt,
      progress: 10,
    });
    expect(
      await journal.settle({
        id: cancelled,
        status: 'SUCCEEDED',
        startedAt: b!.startedAt!,
        attempts: 1,
        progress: 0,
      }),
    ).toBeNull();
    expect((await row(cancelled)).status).toBe('CANCELLED');

    // A failed attempt with retries left goes back to QUEUED; the next start counts the next attempt.
    const retry = await journal.settle({
      id: running,
      status: 'QUEUED',
      error: 'boom',
      startedAt: a!.startedAt!,
      attempts: 1,
      progress: 10,
    });
    expect(retry).toMatchObject({ status: 'QUEUED', error: 'boom', completedAt: null });
    expect(await journal.start(running)).toMatchObject({ status: 'RUNNING', attempts: 2, progress: 0 });
  });
});
