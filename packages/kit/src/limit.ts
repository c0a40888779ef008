import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Errors } from './errors.js';

/**
 * A fixed-window count in Redis (rate-limiter-flexible), shared by every instance: `points` per
 * `seconds` per key, past which RATE_LIMITED says when to retry. For limits on attempts (`take`
 * each one) and on failures (`check` before trying, `take` when it failed).
 */
export class Limit {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    name: string,
    private readonly points: number,
    seconds: number,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `limit:${name}`,
      points,
      duration: seconds,
    });
  }

  /** Counts one; RATE_LIMITED once the key has used up its points. */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes)
        throw Errors.rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }

  /** RATE_LIMITED when the key has used up its points already; counts nothing. */
  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints >= this.points)
      throw Errors.rateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
