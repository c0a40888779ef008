import type { Redis } from 'ioredis';

/**
 * The challenge each WebAuthn ceremony was given, kept in Redis until its answer comes back: taken with
 * GETDEL, so an answer verifies once, and gone after the TTL. A new ceremony for the same scope
 * replaces the old one (one registration per account, one per sign-in challenge, at a time).
 */
export class Ceremonies {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  get timeoutMs(): number {
    return this.ttlSeconds * 1000;
  }

  async put(scope: string, challenge: string): Promise<void> {
    await this.redis.set(`webauthn:${scope}`, challenge, 'EX', this.ttlSeconds);
  }

  async take(scope: string): Promise<string | null> {
    return this.redis.getdel(`webauthn:${scope}`);
  }
}
