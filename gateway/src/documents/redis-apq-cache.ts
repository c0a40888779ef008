import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { type Logger, type Redis, tryRedis } from '@trae/kit';
import { outageLog } from '../http/redis-outage.js';

/**
 * Apollo Server's store of automatically persisted queries (it adds the `apq:` prefix), in Redis so a
 * hash registered through one gateway instance is found by every other.
 *
 * Fails soft: while Redis is away a lookup finds nothing, so the client resends the full query (one
 * extra round trip) instead of the request failing.
 */
export class RedisApqCache implements KeyValueCache<string> {
  private readonly outage = outageLog('persisted queries', 'clients send full queries');

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    /** APQ_TTL_SECONDS: a document not registered again for this long is forgotten. */
    private readonly ttlSeconds: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.guard(async () => (await this.redis.get(key)) ?? undefined, undefined);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? this.ttlSeconds;
    await this.guard(async () => {
      await this.redis.set(key, value, 'EX', ttl);
    }, undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.guard(async () => (await this.redis.del(key)) > 0, false);
  }

  private async guard<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await tryRedis(this.redis, op);
      this.outage.ok(this.log);
      return result;
    } catch (err) {
      this.outage.failed(this.log, err);
      return fallback;
    }
  }
}
