import { setTimeout as sleep } from 'node:timers/promises';
import { appendEvent, type Logger, type Redis } from '@trae/kit';

/** Where identity announces its users' changes (a Redis stream; the tasks service reads it). */
export const IDENTITY_STREAM = 'events:identity';
export const USER_CHANGED = 'user.changed';

export type UserChange = 'created' | 'profile' | 'email' | 'role' | 'disabled';

/** The payload of `user.changed`: which user, and what changed; readers fetch the profile themselves. */
export interface UserChanged {
  userId: string;
  change: UserChange;
  at: string;
}

/** Waits between the attempts to append one event (Redis restarting, a failover). */
const RETRY_MS = [200, 1_000, 5_000];

/**
 * Announces user changes after they are committed, in the background: the request that made the change
 * has succeeded and must not fail (or wait) because Redis is slow. An append is tried a few times; one
 * that never lands is logged, and the next change of that user carries the news again (readers fetch
 * the whole profile as it is then).
 */
export class UserEvents {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  changed(userId: string, change: UserChange): void {
    const event: UserChanged = { userId, change, at: new Date().toISOString() };
    const run = this.append(event).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every event under way has landed or been given up (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async append(event: UserChanged): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await appendEvent(this.redis, IDENTITY_STREAM, USER_CHANGED, event);
        return;
      } catch (err) {
        if (attempt >= RETRY_MS.length) {
          this.log.error({ err, userId: event.userId, change: event.change }, 'user change not announced');
          return;
        }
        await sleep(RETRY_MS[attempt]);
      }
    }
  }
}
