import type { Redis } from 'ioredis';

/** A pending mark outlives any sane wait for a worker; past it, a lost mark stops deduplicating. */
const MARK_SECONDS = 24 * 3600;

/** Deletes the mark only while it still names this task (a newer sync may have taken it over). */
const CLEAR = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One pending Base44 sync per user: `base44-sync:<userId>` names the sync task that has not started
 * yet. A change while it is set is folded into that task, which reads the profile only after clearing
 * the mark, so it sees every change announced before it cleared; a change after that starts a new task.
 */
export class SyncMarks {
  constructor(private readonly redis: Redis) {}

  private key(userId: string) {
    return `base44-sync:${userId}`;
  }

  /** Takes the mark for `taskId`; false when another task holds it. */
  async take(userId: string, taskId: string): Promise<boolean> {
    return (await this.redis.set(this.key(userId), taskId, 'EX', MARK_SECONDS, 'NX')) === 'OK';
  }

  /** The task that holds the mark, if any. */
  holder(userId: string): Promise<string | null> {
    return this.redis.get(this.key(userId));
  }

  /** For a holder that will never start (cancelled, gone): the mark passes to `taskId`. */
  async replace(userId: string, taskId: string): Promise<void> {
    await this.redis.set(this.key(userId), taskId, 'EX', MARK_SECONDS);
  }

  /** The task starts: later changes need a new task. */
  async clear(userId: string, taskId: string): Promise<void> {
    await this.redis.eval(CLEAR, 1, this.key(userId), taskId);
  }
}
