import { Errors, type Redis, tryRedis } from '@trae/kit';
import type { NextFunction, Request, Response } from 'express';
import { sendGraphQLError } from './graphql-error-response.js';
import { outageLog } from './redis-outage.js';

export interface RateLimitOptions {
  /** Prefixed connection; counters are shared by every gateway instance. */
  redis: Redis;
  /** @default 600 */
  perMinute: number;
}

const WINDOW_S = 60;

/**
 * Fixed one-minute windows per caller: the user id when signed in (so one user cannot multiply
 * their quota across addresses), else the client address. Runs after edge auth.
 *
 * Fails open while Redis is unreachable: this limit shares capacity fairly, it guards no secret, and
 * closing it would turn a Redis blip into a full outage. The per-request guards (query limits, body
 * and header deadlines, the input guard) need no Redis and stay on; /health shows Redis down.
 */
export function rateLimitMiddleware({ redis, perMinute }: RateLimitOptions) {
  const outage = outageLog('rate limit', 'requests pass unlimited (fail open)');
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = res.locals.identity?.principal.id;
    const caller = userId ? `user:${userId}` : `ip:${req.ip ?? 'unknown'}`;
    const now = Date.now() / 1000;
    const window = Math.floor(now / WINDOW_S);
    const key = `ratelimit:${caller}:${window}`;
    let count: number;
    try {
      const results = await tryRedis(redis, () =>
        redis
          .multi()
          .incr(key)
          .expire(key, WINDOW_S + 5)
          .exec(),
      );
      count = Number(results?.[0]?.[1] ?? 0);
      outage.ok(req.log);
    } catch (err) {
      outage.failed(req.log, err);
      next();
      return;
    }
    res.setHeader('ratelimit-limit', String(perMinute));
    res.setHeader('ratelimit-remaining', String(Math.max(0, perMinute - count)));
    if (count <= perMinute) {
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((window + 1) * WINDOW_S - now));
    res.setHeader('retry-after', String(retryAfter));
    sendGraphQLError(res, Errors.rateLimited(retryAfter));
  };
}
