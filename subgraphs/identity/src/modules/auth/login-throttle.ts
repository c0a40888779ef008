import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LoginThrottleOptions {
  /** Failures from one address that lock that address out of the account. */
  maxFailures: number;
  windowSeconds: number;
  /** Failures from all addresses together past which the account's logins are slowed (never locked). */
  accountMaxFailures: number;
  /** The longest wait the account ceiling imposes between two attempts. */
  backoffMaxSeconds: number;
}

/** What stands between a login attempt and the password check. */
export type LoginGate = { kind: 'open' } | { kind: 'locked' | 'slowed'; retryAfter: number };

/**
 * Failed logins counted in Redis (shared by every instance), in two ways:
 * - per (account, client address): past `maxFailures` that pair is locked for the window, so one
 *   address guessing gets nowhere, while the owner elsewhere still signs in;
 * - per account: past `accountMaxFailures` (guessing spread over many addresses) every attempt must
 *   wait a backoff that doubles with each further failure, up to `backoffMaxSeconds`. That slows a
 *   distributed guesser to a trickle without letting anyone lock the owner out for long.
 * Unknown logins are counted under a hash of the name, so they behave the same way and neither
 * answer reveals that an account exists.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly options: LoginThrottleOptions,
  ) {}

  subject(userId: string | undefined, login: string): string {
    return userId ?? `unknown:${createHash('sha256').update(login.toLowerCase()).digest('hex').slice(0, 32)}`;
  }

  async gate(subject: string, ip: string | undefined): Promise<LoginGate> {
    const [[, lock], [, slow]] = (await this.redis
      .multi()
      .ttl(keys.lock(subject, ip))
      .ttl(keys.slow(subject))
      .exec()) as [[unknown, number], [unknown, number]];
    if (lock > 0) return { kind: 'locked', retryAfter: lock };
    if (slow > 0) return { kind: 'slowed', retryAfter: slow };
    return { kind: 'open' };
  }

  /** Records a failure; says whether it locked this address out, or slowed the account. */
  async fail(subject: string, ip: string | undefined): Promise<LoginGate> {
    const { maxFailures, windowSeconds, accountMaxFailures, backoffMaxSeconds } = this.options;
    const pair = keys.fail(subject, ip);
    const account = keys.account(subject);
    const [[, pairCount], , [, accountCount]] = (await this.redis
      .multi()
      .incr(pair)
      .expire(pair, windowSeconds, 'NX')
      .incr(account)
      .expire(account, windowSeconds, 'NX')
      .exec()) as [[unknown, number], unknown, [unknown, number], unknown];
    if (pairCount >= maxFailures) {
      await this.redis.multi().set(keys.lock(subject, ip), '1', 'EX', windowSeconds).del(pair).exec();
      return { kind: 'locked', retryAfter: windowSeconds };
    }
    if (accountCount >= accountMaxFailures) {
      const retryAfter = Math.min(2 ** Math.min(accountCount - accountMaxFailures, 30), backoffMaxSeconds);
      await this.redis.set(keys.slow(subject), '1', 'EX', retryAfter);
      return { kind: 'slowed', retryAfter };
    }
    return { kind: 'open' };
  }

  /** The owner proved the password: this address and the account start afresh. */
  async succeed(subject: string, ip: string | undefined): Promise<void> {
    await this.redis.del(keys.fail(subject, ip), keys.account(subject), keys.slow(subject));
  }
}

const keys = {
  fail: (subject: string, ip = 'unknown') => `login:fail:${subject}:${ip}`,
  lock: (subject: string, ip = 'unknown') => `login:lock:${subject}:${ip}`,
  account: (subject: string) => `login:account:${subject}`,
  slow: (subject: string) => `login:slow:${subject}`,
};
