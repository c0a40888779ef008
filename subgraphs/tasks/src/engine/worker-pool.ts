import { createRedis, type Logger } from '@trae/kit';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Sql } from '../lib/sql.js';
import { AGENTS_CHANNEL, CANCEL_CHANNEL } from './events.js';
import { CANCELLED, type Persona } from './processor.js';
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
}

/**
 * One BullMQ worker per agent persona (so one queue per agent), started for every persona in the
 * database and for new ones as admins create them. Cancellation arrives here over Redis pub/sub and
 * aborts the running task's signal, in whichever process runs it.
 */
export class WorkerPool {
  readonly personas = new Map<string, Persona>();
  readonly stats = { processed: 0, failed: 0 };
  private readonly workers = new Map<string, Worker>();
  private readonly connections: Redis[] = [];
  private readonly subscriber: Redis;
  private timers: NodeJS.Timeout[] = [];
  private refreshing: Promise<void> = Promise.resolve();

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
    this.connections.push(connection);
    const worker = new Worker(p.name, this.o.processor, {
      connection,
      prefix: bullPrefix(this.o.prefix),
      concurrency,
      lockDuration: this.o.lockMs,
      stalledInterval: this.o.lockMs,
      // A job whose worker died is handed on twice before it is failed; each hand-over is logged.
      maxStalledCount: 2,
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
   * Stops taking jobs and lets running ones finish for up to `graceMs`; then lets go of the rest, whose
   * locks expire so another worker picks them up (stalled-job recovery).
   */
  async close(graceMs: number): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.refreshing;
    this.subscriber.disconnect();
    const workers = [...this.workers.values()];
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(workers.map((w) => w.close()));
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), graceMs);
    });
    if ((await Promise.race([graceful, expired])) === 'expired') {
      this.o.logger.warn(
        { running: this.o.running.size },
        'tasks still running at shutdown; leaving them to another worker',
      );
      await Promise.all(workers.map((w) => w.close(true)));
    }
    clearTimeout(timer);
    for (const c of this.connections) c.disconnect();
  }
}
