import { createRedis, type Logger } from '@trae/kit';
import { FlowProducer, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TaskSnapshot } from './task-row.js';

/** What a job carries: only ids. The task itself is read from PostgreSQL when it starts. */
export interface TaskJobData {
  taskId?: string;
  /** Set on jobs a schedule produces; the worker records each firing as a child task. */
  scheduleId?: string;
  /** The task waited for child tasks; their results are handed to the agent. */
  hasChildren?: boolean;
  /**
   * Attempts the task had before this job (a job enqueued again after Redis lost the first one). With
   * the job's own count of starts, it numbers attempts that died before the row counted them.
   */
  attemptsBefore?: number;
}

const jobData = (task: TaskSnapshot, hasChildren?: boolean): TaskJobData => ({
  taskId: task.id,
  ...(hasChildren ? { hasChildren } : {}),
  ...(task.attempts > 0 ? { attemptsBefore: task.attempts } : {}),
});

export interface EnqueueItem {
  task: TaskSnapshot;
  /** Children still to run; they go first, in one BullMQ flow with the task. */
  children?: TaskSnapshot[];
  /** The task has children (some may have finished already, e.g. on a retry). */
  hasChildren?: boolean;
}

/**
 * A task that is one job of its own: no pipeline, no schedule. Its job's key is known from its id, so
 * the reconciler can look the job up instead of the API writing an enqueued mark for every such task.
 */
export const isSingleJob = (item: EnqueueItem) =>
  !item.task.schedule && !item.hasChildren && !item.children?.length;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

export interface QueueSettings {
  redisUrl: string;
  /** REDIS_PREFIX; BullMQ keys live under `<prefix>bull:<agent>:…`. */
  prefix: string;
  backoffMs: number;
  logger: Logger;
}

/** API priority (0..100, higher first) to BullMQ's (1 is first). Every job is prioritized so order holds. */
export const bullPriority = (priority: number) => 101 - priority;
export const bullPrefix = (prefix: string) => `${prefix}bull`;

/**
 * Options of a dedicated connection (BullMQ's, a pub/sub subscriber): no retry limit, since BullMQ's
 * blocking commands and a subscription wait out an outage, and no auto-pipelining, which BullMQ does
 * itself.
 */
export const DEDICATED_CONNECTION = { maxRetriesPerRequest: null, enableAutoPipelining: false } as const;

/** How a task's job behaves in BullMQ: its id, order, retries and how long Redis keeps it. */
export function jobOptions(
  task: Pick<TaskSnapshot, 'id' | 'jobId' | 'priority' | 'maxAttempts' | 'runAt'>,
  backoffMs: number,
): JobsOptions {
  const delay = task.runAt ? task.runAt.getTime() - Date.now() : 0;
  return {
    jobId: task.jobId ?? task.id,
    priority: bullPriority(task.priority),
    attempts: task.maxAttempts,
    backoff: { type: 'exponential', delay: backoffMs },
    ...(delay > 0 ? { delay } : {}),
    // PostgreSQL keeps the history; Redis keeps only enough to debug recent jobs.
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 86_400, count: 10_000 },
  };
}

/**
 * One BullMQ queue per agent, plus the flow producer for pipelines. Job ids are task ids (or a task id
 * with a retry suffix), so enqueuing the same task twice is a no-op: that is what makes the reconciler safe.
 */
export class TaskQueues {
  /** Shared by every queue of this process; BullMQ wants retries unbounded on its connections. */
  readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly flows: FlowProducer;

  constructor(private readonly settings: QueueSettings) {
    this.connection = createRedis(settings.redisUrl, '', DEDICATED_CONNECTION, {
      logger: settings.logger,
      role: 'queues',
    });
    this.flows = new FlowProducer({ connection: this.connection, prefix: bullPrefix(settings.prefix) });
  }

  queue(agent: string): Queue {
    let queue = this.queues.get(agent);
    if (!queue) {
      queue = new Queue(agent, { connection: this.connection, prefix: bullPrefix(this.settings.prefix) });
      this.queues.set(agent, queue);
    }
    return queue;
  }

  jobOptions(task: TaskSnapshot): JobsOptions {
    return jobOptions(task, this.settings.backoffMs);
  }

  async enqueue(items: EnqueueItem[]): Promise<void> {
    const plain = new Map<string, EnqueueItem[]>();
    const work: Promise<unknown>[] = [];
    for (const item of items) {
      if (item.task.schedule) work.push(this.schedule(item.task));
      else if (item.children?.length) work.push(this.flow(item.task, item.children));
      else plain.set(item.task.agent, [...(plain.get(item.task.agent) ?? []), item]);
    }
    for (const [agent, list] of plain) {
      work.push(
        this.queue(agent).addBulk(
          list.map(({ task, hasChildren }) => ({
            name: task.type,
            data: jobData(task, hasChildren),
            opts: this.jobOptions(task),
          })),
        ),
      );
    }
    await Promise.all(work);
  }

  /**
   * Ids of the tasks whose job is in BullMQ (in any state), one round trip for all. A schedule's "job" is
   * its job scheduler (BullMQ keeps it in a hash of its own).
   */
  async jobsExist(tasks: Pick<TaskSnapshot, 'id' | 'agent' | 'jobId' | 'schedule'>[]): Promise<Set<string>> {
    if (tasks.length === 0) return new Set();
    const pipeline = this.connection.pipeline();
    for (const t of tasks) {
      const queue = this.queue(t.agent);
      pipeline.exists(queue.toKey(t.schedule ? `repeat:${t.id}` : (t.jobId ?? t.id)));
    }
    const replies = (await pipeline.exec()) ?? [];
    return new Set(tasks.filter((_, i) => replies[i]?.[1] === 1).map((t) => t.id));
  }

  /** Children run first (in parallel); the parent starts when all succeeded, or fails when one fails. */
  private flow(parent: TaskSnapshot, children: TaskSnapshot[]) {
    const { delay: _ignored, ...parentOpts } = this.jobOptions(parent);
    return this.flows.add({
      name: parent.type,
      queueName: parent.agent,
      data: jobData(parent, true),
      opts: parentOpts,
      children: children.map((c) => ({
        name: c.type,
        queueName: c.agent,
        data: jobData(c),
        opts: { ...this.jobOptions(c), failParentOnFailure: true },
      })),
    });
  }

  private schedule(task: TaskSnapshot) {
    const { jobId: _id, delay: _delay, ...opts } = this.jobOptions(task);
    return this.queue(task.agent).upsertJobScheduler(
      task.id,
      // Cron is read in UTC everywhere (here, in `nextRunAt`, and in channel settings).
      { pattern: task.schedule!, tz: 'UTC', ...(task.runAt ? { startDate: task.runAt } : {}) },
      { name: task.type, data: { scheduleId: task.id } satisfies TaskJobData, opts },
    );
  }

  unschedule(task: Pick<TaskSnapshot, 'id' | 'agent'>): Promise<boolean> {
    return this.queue(task.agent).removeJobScheduler(task.id);
  }

  /** Removes a job that has not started (and its children). A running job is locked and stays: it gets aborted instead. */
  async remove(agent: string, jobId: string): Promise<boolean> {
    try {
      return (await this.queue(agent).remove(jobId, { removeChildren: true })) === 1;
    } catch {
      return false;
    }
  }

  async counts(agent: string): Promise<QueueCounts> {
    const queue = this.queue(agent);
    const [c, paused] = await Promise.all([
      queue.getJobCounts(
        'waiting',
        'prioritized',
        'waiting-children',
        'active',
        'delayed',
        'failed',
        'completed',
      ),
      queue.isPaused(),
    ]);
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
      paused,
    };
  }

  async setPaused(agent: string, paused: boolean): Promise<void> {
    if (paused) await this.queue(agent).pause();
    else await this.queue(agent).resume();
  }

  /** Drops finished jobs older than `olderThanMs` from Redis; PostgreSQL still has their history. */
  async clean(agents: string[], olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const agent of agents) {
      for (const type of ['completed', 'failed'] as const) {
        removed += (await this.queue(agent).clean(olderThanMs, 10_000, type)).length;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.flows.close();
    this.connection.disconnect();
  }
}
