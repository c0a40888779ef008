import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { type Logger, type Redis, tryRedis } from '@trae/kit';
import { outageLog } from '../http/redis-outage.js';

/**
 * Apollo's key-value store in Redis, shared by every gateway instance: automatically persisted queries
 * (Apollo adds `apq:`) and cached responses (`fqc:`).
 *
 * Fails soft: while Redis is away a lookup finds nothing and a write is dropped, so a client resends
 * the full query or the operation runs uncached, instead of the request failing.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly outage: ReturnType<typeof outageLog>;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    /** What is stored, for the outage log line. */
    what: string,
    /** The lifetime of an entry whose writer names none. */
    private readonly ttlSeconds: number,
  ) {
    this.outage = outageLog(what, 'answers go on without it');
  }

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
