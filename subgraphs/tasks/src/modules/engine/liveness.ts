import type { Logger } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { HandedOver } from './handover.js';
import type { Heartbeats, LockOwners, WorkerBeat } from './heartbeats.js';

export interface LivenessOptions {
  /** This worker process. */
  id: string;
  heartbeats: Heartbeats;
  /** For Redis's uptime; any connection. */
  redis: Redis;
  pool: {
    lockOwners(): LockOwners;
    handOver(owners: LockOwners): Promise<HandedOver[]>;
  };
  logger: Logger;
  beatMs: number;
  /** The beat's TTL: a worker silent this long is presumed dead. */
  deadAfterMs: number;
  /** What this worker's beat says now. */
  beat(): WorkerBeat;
  onHandedOver?: (jobs: HandedOver[]) => void;
}

/**
 * Whether a silent worker's silence is its own fault. A worker whose beat expired while Redis was
 * restarting, or while this process was cut off from it, may be alive: everyone stopped beating at once.
 * So a dead worker is only acted on once Redis has been up, and this process's own beats regular, for a
 * whole `deadAfterMs` (by then every live worker has reconnected and beat again).
 */
export function steadyEnough(o: {
  now: number;
  /** When this process's beats became regular again after a failure or a gap; none seen: undefined. */
  steadySince: number | undefined;
  redisStartedAt: number;
  deadAfterMs: number;
}): boolean {
  return o.now - Math.max(o.steadySince ?? Number.NEGATIVE_INFINITY, o.redisStartedAt) >= o.deadAfterMs;
}

/**
 * Beats for this worker every `beatMs`, and after each beat looks for workers whose beat expired: a
 * killed worker's jobs stay locked in BullMQ until their locks expire (WORKER_LOCK_MS), so one live
 * worker takes each dead one (a lease), hands its jobs back to their queues at once (checking the lock
 * tokens, so a job since taken by a live worker is left alone), says so per task, and forgets it. A dead
 * worker's hand-over is one of BullMQ's stalls: a task that kills every worker running it still fails.
 */
export class Liveness {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private reaping = true;
  private beats = 0;
  private firstBeatAt: number | undefined;
  private lastBeatAt: number | undefined;
  private disturbed = false;
  private steadySince: number | undefined;

  constructor(private readonly o: LivenessOptions) {}

  /** Beats once (so the worker is listed when this resolves), then every `beatMs`. */
  async start(): Promise<void> {
    await this.tick();
    let busy = false;
    // A tick still running (Redis slow to answer) is not queued behind: the next beat is the one due.
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.ticking = this.tick().finally(() => {
        busy = false;
      });
    }, this.o.beatMs);
  }

  /** Keeps beating (a draining worker is alive: its tasks must not be taken) but takes no dead worker. */
  retire(): void {
    this.reaping = false;
  }

  async stop(): Promise<void> {
    this.reaping = false;
    clearInterval(this.timer);
    await this.ticking;
  }

  private async tick(): Promise<void> {
    if (!(await this.beat())) return;
    if (!this.reaping) return;
    try {
      await this.reap();
    } catch (err) {
      this.o.logger.error({ err }, 'could not hand over the tasks of a dead worker');
    }
  }

  private async beat(): Promise<boolean> {
    try {
      const fresh = await this.o.heartbeats.beat(this.o.beat(), this.o.deadAfterMs, this.o.pool.lockOwners());
      const now = Date.now();
      if (fresh && this.beats > 0) {
        this.o.logger.warn(
          { deadAfterMs: this.o.deadAfterMs },
          'this worker had been presumed dead (its heartbeat lapsed: paused, cut off from Redis, or Redis lost data); other workers may have taken over its running tasks',
        );
      }
      if (this.disturbed || (this.lastBeatAt !== undefined && now - this.lastBeatAt > 2 * this.o.beatMs)) {
        this.steadySince = now;
      }
      this.disturbed = false;
      this.firstBeatAt ??= now;
      this.lastBeatAt = now;
      this.beats++;
      return true;
    } catch (err) {
      this.disturbed = true;
      this.o.logger.warn({ err }, 'heartbeat failed');
      return false;
    }
  }

  private async reap(): Promise<void> {
    const { heartbeats, id, deadAfterMs, logger } = this.o;
    const lapsed = await heartbeats.lapsed(id);
    if (lapsed.length === 0) return;
    const now = Date.now();
    const redisStartedAt = await this.redisStartedAt(now);
    if (!steadyEnough({ now, steadySince: this.steadySince, redisStartedAt, deadAfterMs })) return;
    for (const dead of lapsed) {
      if (!this.reaping) return;
      const owners = await heartbeats.claim(dead, id, deadAfterMs * 2);
      if (!owners) continue;
      const jobs = await this.o.pool.handOver(owners);
      for (const job of jobs) {
        logger.warn(
          { taskId: job.taskId, jobId: job.jobId, agent: job.agent, deadWorker: dead },
          job.failing
            ? 'task handed over from a dead worker; it has stalled too often and will be failed'
            : 'task handed over from a dead worker',
        );
      }
      if (jobs.length) this.o.onHandedOver?.(jobs);
      await heartbeats.forget(dead);
      logger.warn(
        { deadWorker: dead, tasks: jobs.length, deadAfterMs },
        `worker ${dead} presumed dead (no heartbeat for ${deadAfterMs} ms); ${jobs.length} running tasks handed back to the queue`,
      );
    }
  }

  /** When Redis last started; unknown (INFO refused): when this process first beat, the safe guess. */
  private async redisStartedAt(now: number): Promise<number> {
    try {
      const info = await this.o.redis.info('server');
      const uptime = Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1]);
      if (Number.isFinite(uptime)) return now - uptime * 1000;
    } catch {
      // Some managed Redis services refuse INFO; fall through.
    }
    return this.firstBeatAt ?? now;
  }
}
