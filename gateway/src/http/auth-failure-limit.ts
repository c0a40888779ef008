import { Errors, type Redis } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendGraphQLError } from './graphql-error-response.js';

export interface AuthFailureLimitOptions {
  /** Prefixed connection; counts are shared by every gateway instance. */
  redis: Redis;
  /**
   * Failed authentications (bad API keys, bad or expired tokens) one client address may make per window.
   * @default 20
   */
  maxFailures: number;
  /** @default 300 */
  windowSeconds: number;
}

/**
 * Wraps edge auth: a client address that has failed authentication `maxFailures` times in the window
 * gets RATE_LIMITED (429, Retry-After) before its credential is looked at, so guessing API keys cannot
 * reach identity's exchange (and its database), nor burn our CPU on signature checks. Only failures
 * count (the wrapped handler answered 401); guests and valid credentials pass untouched.
 */
export function authFailureLimit(options: AuthFailureLimitOptions, authenticate: RequestHandler) {
  const { redis, maxFailures, windowSeconds } = options;
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.header('authorization')) return authenticate(req, res, next);
    const key = `authfail:${req.ip ?? 'unknown'}`;
    let count = 0;
    try {
      count = Number((await redis.get(key)) ?? 0);
    } catch (err) {
      // Fail open like the request rate limit: a Redis hiccup must not lock every API client out.
      req.log.warn({ err }, 'auth failure limit unavailable');
    }
    if (count >= maxFailures) {
      const retryAfter = Math.max(1, await redis.ttl(key).catch(() => windowSeconds));
      res.setHeader('retry-after', String(retryAfter));
      sendGraphQLError(res, Errors.rateLimited(retryAfter));
      return;
    }
    let passed = false;
    await authenticate(req, res, (err?: unknown) => {
      passed = true;
      next(err);
    });
    if (passed || res.statusCode !== 401) return;
    await redis
      .multi()
      .incr(key)
      .expire(key, windowSeconds, 'NX')
      .exec()
      .catch((err) => req.log.warn({ err }, 'auth failure not counted'));
  };
}
