import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Counts failed logins per account in a sliding window kept in Redis (shared by every instance).
 * Unknown logins are counted under a hash of the name, so they lock the same way and a locked
 * answer does not reveal that an account exists.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly maxFailures: number,
    private readonly windowSeconds: number,
  ) {}

  subject(userId: string | undefined, login: string): string {
    return userId ?? `unknown:${createHash('sha256').update(login.toLowerCase()).digest('hex').slice(0, 32)}`;
  }

  /** Seconds until the lock ends, or 0 when not locked. */
  async lockedFor(subject: string): Promise<number> {
    const ttl = await this.redis.ttl(`login:lock:${subject}`);
    return Math.max(ttl, 0);
  }

  /** Records a failure; returns true when this failure locked the account. */
  async fail(subject: string): Promise<boolean> {
    const key = `login:fail:${subject}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').exec()) as [
      [unknown, number],
    ];
    if (count < this.maxFailures) return false;
    await this.redis.multi().set(`login:lock:${subject}`, '1', 'EX', this.windowSeconds).del(key).exec();
    return true;
  }

  async succeed(subject: string): Promise<void> {
    await this.redis.del(`login:fail:${subject}`);
  }
}
