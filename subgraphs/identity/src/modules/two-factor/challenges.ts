import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sha256 } from '../auth/auth.service.js';

/** `login`: the password was right, a second factor is due. `enrol`: an ADMIN must turn 2FA on first. */
export type ChallengePurpose = 'login' | 'enrol';

interface Stored {
  userId: string;
  purpose: ChallengePurpose;
  failures: number;
}

const key = (token: string) => `2fa:challenge:${sha256(token)}`;

/**
 * The step between a proven password and a session: a random token (only its hash is a Redis key),
 * short-lived, single use, and dropped after `maxFailures` wrong codes so guessing needs the password
 * again each few tries.
 */
export class Challenges {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly maxFailures = 5,
  ) {}

  get expiresIn(): number {
    return this.ttlSeconds;
  }

  async issue(userId: string, purpose: ChallengePurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const value: Stored = { userId, purpose, failures: 0 };
    await this.redis.set(key(token), JSON.stringify(value), 'EX', this.ttlSeconds);
    return token;
  }

  async find(token: string, purpose: ChallengePurpose): Promise<string | null> {
    const raw = await this.redis.get(key(token));
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    return stored?.purpose === purpose ? stored.userId : null;
  }

  /** Spends it: true for the one caller that gets it, so a challenge completes one sign-in. */
  async spend(token: string): Promise<boolean> {
    return (await this.redis.del(key(token))) === 1;
  }

  /** A wrong code: counted, and the challenge dropped at the limit. */
  async fail(token: string): Promise<void> {
    const raw = await this.redis.get(key(token));
    if (!raw) return;
    const stored = JSON.parse(raw) as Stored;
    stored.failures += 1;
    if (stored.failures >= this.maxFailures) await this.redis.del(key(token));
    else await this.redis.set(key(token), JSON.stringify(stored), 'KEEPTTL');
  }
}
