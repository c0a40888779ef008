import { createRedis, type Logger, type Sql } from '@trae/kit';
import { type Job, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AGENTS_CHANNEL, CANCEL_CHANNEL } from './events.js';
import { type HandedOver, handOverJobs } from './handover.js';
import type { LockOwners } from './heartbeats.js';
import { CANCELLED, type Persona, RELEASED } from './processor.js';
import { bullPrefix, DEDICATED_CONNECTION, type TaskJobData } from './queues.js';

export interface WorkerPoolOptions {
  redisUrl: string;
  prefix: string;
  sql: Sql;
  logger: Logger;
  concurrency: number;
  lockMs: number;
  processor: (job: Job<TaskJobData>) => Promise<unknown>;
  /** Shared with the processor: the abort controllers of running tasks, by task id. */
  running: Map<string, AbortController>;
  /**
   * BullMQ gave up on a job without running it: it stalled (its workers died) more often than allowed.
   * Its task must be failed here, as no processor will settle it.
   */
  onAbandoned?: (job: Job<TaskJobData>, reason: string) => void;
  /** How often personas are re-read even without a change notice. @default 5_000 */
  refreshMs?: number;
  /** How often running tasks are checked for a cancellation whose notice was lost. @default 2_000 */
  cancelCheckMs?: number;
  /**
   * After the drain, how long tasks told to stop get to record it before their jobs are handed back
   * regardless (an agent that ignores its abort signal). @default 500
   */
  releaseWaitMs?: number;
}

/** A job whose worker died is handed on twice before it is failed; each hand-over is logged. */
const MAX_STALLED_COUNT = 2;

/**
 * One BullMQ worker per agent persona (so one queue per agent), started for every persona in the
 * database and for new ones as admins create them. Cancellation arrives here over Redis pub/sub and
 * aborts the running task's signal, in whichever process runs it.
 */
export class WorkerPool {
  readonly personas = new Map<string, Persona>();
  readonly stats = { processed: 0, failed: 0 };
  private readonly workers = new Map<string, Worker>();
  /** Each worker's connection, by agent (BullMQ runs on copies of it), for the pool's own commands. */
  private readonly connections = new Map<string, Redis>();
  private readonly subscriber: Redis;
  private timers: NodeJS.Timeout[] = [];
  private refreshing: Promise<void> = Promise.resolve();
  /** Jobs being processed here, each with what hands it back without waiting for its processor. */
  private readonly active = new Map<string, (reason: WaitingError) => void>();

  constructor(private readonly o: WorkerPoolOptions) {
    this.subscriber = createRedis(o.redisUrl, '', DEDICATED_CONNECTION, {
      logger: o.logger,
      role: 'worker-signals',
    });
  }

  async start(): Promise<void> {
    await this.refresh();
    const cancel = `${this.o.prefix}${CANCEL_CHANNEL}`;
    const agents = `${this.o.prefix}${AGENTS_CHANNEL}`;
    this.subscriber.on('message', (channel, message) => {
      if (channel === cancel) {
        for (const id of JSON.parse(message) as string[]) this.o.running.get(id)?.abort(CANCELLED);
      } else if (channel === agents) {
        this.refreshing = this.refreshing.then(() => this.refresh());
      }
    });
    await this.subscriber.subscribe(cancel, agents);
    // Pub/sub drops messages while a connection is down; these periodic checks are the safety net.
    this.timers = [
      setInterval(() => {
        this.refreshing = this.refreshing.then(() => this.refresh());
      }, this.o.refreshMs ?? 5_000),
      setInterval(() => void this.abortCancelled(), this.o.cancelCheckMs ?? 2_000),
    ];
    for (const t of this.timers) t.unref();
  }

  agents(): string[] {
    return [...this.workers.keys()];
  }

  isRunning(): boolean {
    return [...this.workers.values()].every((w) => w.isRunning());
  }

  /** What a heartbeat names: per agent, the BullMQ worker whose id prefixes this process's lock tokens. */
  lockOwners(): LockOwners {
    return Object.fromEntries([...this.workers].map(([agent, w]) => [agent, w.id]));
  }

  /**
   * Hands back to the queue at once every job a dead worker process held (by its lock owners), so a
   * live worker starts it without waiting for its lock to expire. Queues this pool does not consume are
   * left to BullMQ's stalled check.
   */
  async handOver(owners: LockOwners): Promise<HandedOver[]> {
    const moved: HandedOver[] = [];
    for (const [agent, owner] of Object.entries(owners)) {
      const worker = this.workers.get(agent);
      const connection = this.connections.get(agent);
      if (worker && connection)
        moved.push(...(await handOverJobs(connection, worker, owner, MAX_STALLED_COUNT)));
    }
    return moved;
  }

  private async abortCancelled(): Promise<void> {
    const ids = [...this.o.running.keys()];
    if (ids.length === 0) return;
    try {
      const rows = await this.o.sql.query<{ id: string }>(
        `select id from task_queue where id = any($1::uuid[]) and status = 'CANCELLED'`,
        [ids],
      );
      for (const { id } of rows) this.o.running.get(id)?.abort(CANCELLED);
    } catch (err) {
      this.o.logger.warn({ err }, 'could not check running tasks for cancellation');
    }
  }

  private async refresh(): Promise<void> {
    try {
      const rows = await this.o.sql.query<Persona>(`select name, runtime, configuration from agent_personas`);
      for (const p of rows) {
        this.personas.set(p.name, p);
        if (!this.workers.has(p.name)) this.workers.set(p.name, this.startWorker(p));
      }
    } catch (err) {
      this.o.logger.error({ err }, 'could not read agent personas');
    }
  }

  private startWorker(p: Persona): Worker {
    const concurrency = Number(p.configuration.concurrency ?? this.o.concurrency);
    const connection = createRedis(this.o.redisUrl, '', DEDICATED_CONNECTION, {
      logger: this.o.logger,
      role: `worker:${p.name}`,
    });
    this.connections.set(p.name, connection);
    const worker: Worker = new Worker(p.name, (job, token) => this.process(worker, connection, job, token), {
      connection,
      prefix: bullPrefix(this.o.prefix),
      concurrency,
      lockDuration: this.o.lockMs,
      stalledInterval: this.o.lockMs,
      maxStalledCount: MAX_STALLED_COUNT,
    });
    worker.on('completed', () => this.stats.processed++);
    worker.on('failed', (job) => {
      this.stats.failed++;
      if (job?.deferredFailure) this.o.onAbandoned?.(job, job.deferredFailure);
    });
    worker.on('stalled', (jobId) =>
      this.o.logger.warn({ agent: p.name, jobId }, 'job stalled; handed to another worker'),
    );
    // While Redis is away every blocking call fails; the connection has said so once already.
    worker.on('error', (err) => {
      const level = connection.status === 'ready' ? 'error' : 'debug';
      this.o.logger[level]({ err, agent: p.name }, 'queue worker error');
    });
    this.o.logger.info({ agent: p.name, concurrency }, 'consuming agent queue');
    return worker;
  }

  /**
   * Runs a job; a job the processor hands back (WaitingError), or that `close` gives up waiting for, is
   * moved back to wait at once, so another worker starts it without waiting for stall detection.
   */
  private async process(
    worker: Worker,
    connection: Redis,
    job: Job<TaskJobData>,
    token?: string,
  ): Promise<unknown> {
    const id = job.id!;
    const abandoned = new Promise<never>((_, reject) => this.active.set(id, reject));
    try {
      return await Promise.race([this.o.processor(job), abandoned]);
    } catch (err) {
      if (!(err instanceof WaitingError)) throw err;
      try {
        await job.moveToWait(token);
        // A job put back among prioritized ones adds no marker, so idle workers would sleep through it
        // for up to their drain delay (5 s); the marker is what wakes them.
        await connection.zadd(worker.keys.marker, 0, '0');
      } catch (moveErr) {
        // Its lock is gone (taken over already) or Redis is away: stall detection hands it over instead.
        this.o.logger.warn({ err: moveErr, jobId: id }, 'could not hand a job back to the queue');
      }
      // BullMQ leaves a job alone after a WaitingError (it was moved by hand).
      throw err;
    } finally {
      this.active.delete(id);
    }
  }

  /**
   * Stops taking jobs and lets running ones finish for up to `drainMs`. Then tells the rest to stop
   * (each records it on its task) and hands their jobs back to the queue, so another worker starts them
   * at once; an attempt that does not stop within `releaseWaitMs` is handed back regardless.
   */
  async close(drainMs: number): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.refreshing;
    this.subscriber.disconnect();
    const closed = Promise.all([...this.workers.values()].map((w) => w.close()));
    if (!(await settlesWithin(closed, drainMs))) {
      this.o.logger.warn(
        { drainMs, tasks: [...this.o.running.keys()] },
        'tasks still running when the drain ended; handing them back to the queue',
      );
      for (const c of this.o.running.values()) c.abort(RELEASED);
      if (!(await settlesWithin(closed, this.o.releaseWaitMs ?? 500))) {
        this.o.logger.warn({ jobs: [...this.active.keys()] }, 'tasks did not stop; handing them back anyway');
        for (const handBack of this.active.values()) handBack(new WaitingError(RELEASED));
      }
    }
    await closed;
    for (const c of this.connections.values()) c.disconnect();
  }
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
