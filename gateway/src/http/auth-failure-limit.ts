import { Errors, type Logger, type Redis } from '@trae/kit';
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
 * Failed authentications per client address, in Redis. A client address past `maxFailures` in the
 * window is refused before its credential is looked at, so guessing API keys cannot reach identity's
 * exchange (and its database), nor burn our CPU on signature checks. The HTTP middleware and the
 * WebSocket `connection_init` share one count.
 */
export class AuthFailures {
  constructor(private readonly options: AuthFailureLimitOptions) {}

  /** Seconds the address must wait, or 0 when it may try. */
  async retryAfter(ip: string, log: Logger): Promise<number> {
    const { redis, maxFailures, windowSeconds } = this.options;
    const key = this.key(ip);
    let count = 0;
    try {
      count = Number((await redis.get(key)) ?? 0);
    } catch (err) {
      // Fail open like the request rate limit: a Redis hiccup must not lock every API client out.
      log.warn({ err }, 'auth failure limit unavailable');
    }
    if (count < maxFailures) return 0;
    return Math.max(1, await redis.ttl(key).catch(() => windowSeconds));
  }

  async failed(ip: string, log: Logger): Promise<void> {
    await this.options.redis
      .multi()
      .incr(this.key(ip))
      .expire(this.key(ip), this.options.windowSeconds, 'NX')
      .exec()
      .catch((err) => log.warn({ err }, 'auth failure not counted'));
  }

  private key(ip: string) {
    return `authfail:${ip}`;
  }
}

/**
 * Wraps edge auth on HTTP: a limited address gets RATE_LIMITED (429, Retry-After). Only failures count
 * (the wrapped handler answered 401); guests and valid credentials pass untouched.
 */
export function authFailureLimit(failures: AuthFailures, authenticate: RequestHandler) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.header('authorization')) return authenticate(req, res, next);
    const ip = req.ip ?? 'unknown';
    const retryAfter = await failures.retryAfter(ip, req.log);
    if (retryAfter > 0) {
      res.setHeader('retry-after', String(retryAfter));
      sendGraphQLError(res, Errors.rateLimited(retryAfter));
      return;
    }
    let passed = false;
    await authenticate(req, res, (err?: unknown) => {
      passed = true;
      next(err);
    });
    if (!passed && res.statusCode === 401) await failures.failed(ip, req.log);
  };
}
