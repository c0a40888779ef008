import { Errors, type Logger, type Redis, tryRedis } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendGraphQLError } from './graphql-error-response.js';
import { outageLog } from './redis-outage.js';

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

/** Addresses the in-process fallback remembers at most; the oldest is forgotten first. */
const LOCAL_MAX_ADDRESSES = 10_000;

/**
 * Failures counted in this process while Redis is unreachable. The limit fails to these rather than
 * open: it is what keeps key guessing away from identity, so an outage must not lift it, and a
 * per-instance count (each gateway allows the limit) is still a bound.
 */
class LocalFailures {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly windowMs: number) {}

  get(ip: string): { count: number; retryAfter: number } {
    const entry = this.entries.get(ip);
    if (!entry || entry.resetAt <= Date.now()) return { count: 0, retryAfter: 0 };
    return { count: entry.count, retryAfter: Math.ceil((entry.resetAt - Date.now()) / 1000) };
  }

  add(ip: string): void {
    const now = Date.now();
    const entry = this.entries.get(ip);
    const current = entry && entry.resetAt > now ? entry : { count: 0, resetAt: now + this.windowMs };
    current.count += 1;
    // Re-inserted so the map's order is least recently failed first.
    this.entries.delete(ip);
    this.entries.set(ip, current);
    const oldest = this.entries.keys().next().value;
    if (this.entries.size > LOCAL_MAX_ADDRESSES && oldest !== undefined) this.entries.delete(oldest);
  }
}

/**
 * Failed authentications per client address, in Redis (or in this process while Redis is away). An
 * address past `maxFailures` in the window is refused before its credential is looked at, so guessing
 * API keys cannot reach identity's exchange (and its database), nor burn our CPU on signature checks.
 * The HTTP middleware and the WebSocket `connection_init` share one count.
 */
export class AuthFailures {
  private readonly local: LocalFailures;
  private readonly outage = outageLog(
    'auth failure limit',
    'failures are counted per gateway instance meanwhile',
  );

  constructor(private readonly options: AuthFailureLimitOptions) {
    this.local = new LocalFailures(options.windowSeconds * 1000);
  }

  /** Seconds the address must wait, or 0 when it may try. */
  async retryAfter(ip: string, log: Logger): Promise<number> {
    const { redis, maxFailures, windowSeconds } = this.options;
    const key = this.key(ip);
    let seen: { count: number; retryAfter: number };
    try {
      const count = Number((await tryRedis(redis, () => redis.get(key))) ?? 0);
      this.outage.ok(log);
      const ttl =
        count < maxFailures ? 0 : await tryRedis(redis, () => redis.ttl(key)).catch(() => windowSeconds);
      seen = { count, retryAfter: ttl };
    } catch (err) {
      this.outage.failed(log, err);
      seen = this.local.get(ip);
    }
    return seen.count < maxFailures ? 0 : Math.max(1, seen.retryAfter);
  }

  async failed(ip: string): Promise<void> {
    const { redis, windowSeconds } = this.options;
    const key = this.key(ip);
    await tryRedis(redis, () => redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec()).catch(() =>
      this.local.add(ip),
    );
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
    if (!passed && res.statusCode === 401) await failures.failed(ip);
  };
}
