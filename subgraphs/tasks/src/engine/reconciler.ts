import type { Logger } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { Sql } from '../lib/sql.js';
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
}

const LOCK = 'reconciler.lock';

/**
 * Nothing is lost between PostgreSQL and BullMQ. The API writes a task, then enqueues it; pipelines and
 * schedules are then marked enqueued, while a task that is a single job is not (its job id is known, so
 * looking the job up is cheaper than a write per task). Every open row older than the grace period with
 * no `enqueued_at` is checked here: a single job found in BullMQ is only marked, anything else is enqueued
 * (job ids are task ids, so a job that did make it is not duplicated) and marked. It also fails RUNNING
 * rows whose job BullMQ has given up on. One instance sweeps at a time (a Redis lock), every `intervalMs`.
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

  /** One pass; returns how many tasks it enqueued and how many it failed. */
  async sweep(): Promise<{ enqueued: number; failed: number }> {
    const locked = await this.o.redis.set(
      LOCK,
      this.o.owner,
      'PX',
      Math.max(this.o.intervalMs * 2, 5_000),
      'NX',
    );
    if (!locked) return { enqueued: 0, failed: 0 };
    try {
      return { enqueued: await this.enqueueMissing(), failed: await this.failLost() };
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
      const state = await queue.getJobState(jobId);
      if (state !== 'failed' && state !== 'unknown') continue;
      const job = state === 'failed' ? await queue.getJob(jobId) : undefined;
      const reason = job?.failedReason || 'its job vanished from the queue';
      for (const task of await this.o.journal.failOpen([row.id], `lost in flight: ${reason}`)) {
        failed++;
        await this.o.events.settled(task);
      }
    }
    if (failed) this.o.logger.warn({ failed }, 'reconciler failed tasks whose jobs were gone');
    return failed;
  }
}
