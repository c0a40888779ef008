import type { Logger, Sql } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { TaskEvents } from './events.js';
import type { TaskJournal } from './journal.js';
import { type EnqueueItem, isSingleJob, type TaskQueues } from './queues.js';
import { type TaskRow, toSnapshot } from './task-row.js';

export interface ReconcilerOptions {
  sql: Sql;
  redis: Redis;
  queues: TaskQueues;
  journal: TaskJournal;
  events: TaskEvents;
  logger: Logger;
  /** Who holds the lock (for debugging). */
  owner: string;
  intervalMs: number;
  /** Rows younger than this are left alone: their writer may still be enqueuing them. */
  graceMs: number;
  /** A RUNNING row untouched this long has its job checked in BullMQ. */
  lostAfterMs: number;
  /** Open tasks the walk checks per pass; a full walk takes (open tasks / batch) passes. */
  batch: number;
  /** Called after each walk step with the tasks it found without a job and enqueued again. */
  onRecovered?: (count: number) => void;
}

const LOCK = 'reconciler.lock';
/** Where the walk over open tasks stands (the last id it checked), shared by every instance. */
const CURSOR = 'reconciler.cursor';
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Nothing is lost between PostgreSQL and BullMQ. The API writes a task, then enqueues it; pipelines and
 * schedules are then marked enqueued, while a task that is a single job is not (its job id is known, so
 * looking the job up is cheaper than a write per task). Every open row older than the grace period with
 * no `enqueued_at` is checked here: a single job found in BullMQ is only marked, anything else is enqueued
 * (job ids are task ids, so a job that did make it is not duplicated) and marked. It also fails RUNNING
 * rows whose job BullMQ has given up on. One instance sweeps at a time (a Redis lock), every `intervalMs`.
 *
 * Redis is not the source of truth: a crash rolls it back to its last snapshot or AOF write, and jobs of
 * tasks long marked enqueued vanish. So each pass also walks `batch` open tasks onward from a cursor (by
 * id, through a partial index of open rows), checks their jobs with one pipelined EXISTS, and enqueues
 * again what is missing. Each pass costs O(batch), and every open task is checked once per
 * ceil(open / batch) passes, however its job got lost.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ReconcilerOptions) {}

  start(): void {
    const tick = () => {
      this.sweeping = this.sweep()
        .catch((err) => this.o.logger.error({ err }, 'reconciler sweep failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One pass; returns how many tasks it enqueued (never enqueued, or whose job was lost) and failed. */
  async sweep(): Promise<{ enqueued: number; recovered: number; failed: number }> {
    const locked = await this.o.redis.set(
      LOCK,
      this.o.owner,
      'PX',
      Math.max(this.o.intervalMs * 2, 5_000),
      'NX',
    );
    if (!locked) return { enqueued: 0, recovered: 0, failed: 0 };
    try {
      const enqueued = await this.enqueueMissing();
      const recovered = await this.walkOpen();
      return { enqueued, recovered, failed: await this.failLost() };
    } finally {
      await this.o.redis.del(LOCK);
    }
  }

  private async enqueueMissing(): Promise<number> {
    const { sql } = this.o;
    // Children of a pipeline are enqueued with their parent; runs of a schedule stand alone.
    const roots = await sql.query<TaskRow>(
      `select t.* from task_queue t
        where t.enqueued_at is null and t.status in ('PENDING', 'QUEUED')
          and t.updated_at < now() - make_interval(secs => $1::float / 1000)
          and (t.parent_id is null or exists (select 1 from task_queue p where p.id = t.parent_id and p.schedule is not null))
        order by t.updated_at limit 500`,
      [this.o.graceMs],
    );
    if (roots.length === 0) return 0;
    const children = await sql.query<TaskRow>(
      `select * from task_queue where parent_id = any($1::uuid[]) and enqueued_at is null and status in ('PENDING', 'QUEUED')`,
      [roots.map((r) => r.id)],
    );
    const hasChildren = new Set(
      (
        await sql.query<{ parent_id: string }>(
          `select distinct parent_id from task_queue where parent_id = any($1::uuid[])`,
          [roots.map((r) => r.id)],
        )
      ).map((r) => r.parent_id),
    );
    const items: EnqueueItem[] = roots.map((r) => ({
      task: toSnapshot(r),
      children: children.filter((c) => c.parent_id === r.id).map(toSnapshot),
      hasChildren: hasChildren.has(r.id),
    }));
    const queued = await this.o.queues.jobsExist(items.filter(isSingleJob).map((i) => i.task));
    const missing = items.filter((i) => !queued.has(i.task.id));
    await this.o.queues.enqueue(missing);
    const ids = [...roots, ...children].map((r) => r.id);
    await sql.query(`update task_queue set enqueued_at = now() where id = any($1::uuid[])`, [ids]);
    if (missing.length) {
      this.o.logger.warn(
        { count: missing.length, ids: missing.slice(0, 20).map((i) => i.task.id) },
        'reconciler enqueued tasks that were never enqueued',
      );
    }
    return missing.length;
  }

  /**
   * One step of the walk. Rows not yet marked enqueued are `enqueueMissing`'s; children of a pipeline go
   * with their parent. A task enqueued again gets only the attempts it has left (BullMQ's count of
   * attempts was lost with the job; the row's count is the honest one).
   */
  private async walkOpen(): Promise<number> {
    const { sql, redis } = this.o;
    const after = (await redis.get(CURSOR)) ?? FIRST_ID;
    const rows = await sql.query<TaskRow & { young: boolean; child: boolean }>(
      `select t.*, t.updated_at >= now() - make_interval(secs => $2::float / 1000) as young,
              (t.parent_id is not null and not exists (
                select 1 from task_queue p where p.id = t.parent_id and p.schedule is not null)) as child
         from task_queue t
        where t.id > $1 and t.status in ('PENDING', 'QUEUED', 'RUNNING')
        order by t.id limit $3`,
      [after, this.o.graceMs, this.o.batch],
      'reconciler_walk',
    );
    const last = rows.length < this.o.batch ? FIRST_ID : rows[rows.length - 1].id;
    await redis.set(CURSOR, last, 'PX', 3_600_000);
    const roots = rows.filter((r) => !r.young && !r.child && r.enqueued_at !== null);
    if (roots.length === 0) return 0;
    const found = await this.o.queues.jobsExist(roots.map(toSnapshot));
    const lost = roots.filter((r) => !found.has(r.id));
    if (lost.length === 0) return 0;
    const children = await sql.query<TaskRow>(
      `select * from task_queue where parent_id = any($1::uuid[]) and status in ('PENDING', 'QUEUED', 'RUNNING')`,
      [lost.map((r) => r.id)],
    );
    const parents = new Set(
      (
        await sql.query<{ parent_id: string }>(
          `select distinct parent_id from task_queue where parent_id = any($1::uuid[])`,
          [lost.map((r) => r.id)],
        )
      ).map((r) => r.parent_id),
    );
    const remaining = (r: TaskRow) => ({
      ...toSnapshot(r),
      maxAttempts: Math.max(1, r.max_attempts - r.attempts),
    });
    await this.o.queues.enqueue(
      lost.map((r) => ({
        task: remaining(r),
        children: children.filter((c) => c.parent_id === r.id).map(remaining),
        hasChildren: parents.has(r.id),
      })),
    );
    this.o.logger.warn(
      { count: lost.length, ids: lost.slice(0, 20).map((r) => r.id) },
      'reconciler enqueued again open tasks whose jobs were missing from the queue',
    );
    this.o.onRecovered?.(lost.length);
    return lost.length;
  }

  private async failLost(): Promise<number> {
    const rows = await this.o.sql.query<{ id: string; agent: string; job_id: string | null }>(
      `select id, agent, job_id from task_queue
        where status = 'RUNNING' and updated_at < now() - make_interval(secs => $1::float / 1000) limit 200`,
      [this.o.lostAfterMs],
    );
    let failed = 0;
    for (const row of rows) {
      const queue = this.o.queues.queue(row.agent);
      const jobId = row.job_id ?? row.id;
      // A job that vanished is the walk's to enqueue again; here only jobs BullMQ gave up on.
      if ((await queue.getJobState(jobId)) !== 'failed') continue;
      const reason = (await queue.getJob(jobId))?.failedReason || 'its job failed in the queue';
      for (const task of await this.o.journal.failOpen([row.id], `lost in flight: ${reason}`)) {
        failed++;
        await this.o.events.settled(task);
      }
    }
    if (failed) this.o.logger.warn({ failed }, 'reconciler failed tasks whose jobs were gone');
    return failed;
  }
}
