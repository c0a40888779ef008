import { Errors, type Principal, type Redis, tryRedis } from '@trae/kit';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLError } from 'graphql';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { sendGraphQLError } from './graphql-error-response.js';
import { outageLog } from './redis-outage.js';

export interface RateLimitOptions {
  /** Prefixed connection; budgets are shared by every gateway instance. */
  redis: Redis;
  /** Requests per caller and minute. @default 600 */
  perMinute: number;
  /** Estimated cost per caller and minute. @default 100000 */
  costPerMinute: number;
  /** Sign-in, registration and password-reset operations per address and minute. @default 30 */
  authPerMinute: number;
}

const WINDOW_S = 60;

/** Root mutation fields that guess or mail secrets: held to a small budget per address. */
const AUTH_FIELDS = new Set([
  'login',
  'register',
  'completeTwoFactorLogin',
  'requestPasswordReset',
  'resetPassword',
]);

/**
 * The API key when one signed the request (keys of one user get budgets of their own), else the user
 * (so one user cannot multiply their budget across addresses), else the client address.
 */
export function callerKey(principal: Principal | undefined, ip: string | undefined): string {
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal?.id) return `user:${principal.id}`;
  return `ip:${ip ?? 'unknown'}`;
}

/** A counter's state after a request: how much of `limit` is used and when its window ends. */
interface Count {
  limit: number;
  used: number;
  msBeforeNext: number;
}

const countOf = (limit: number, res: RateLimiterRes | null): Count => ({
  limit,
  used: res?.consumedPoints ?? 0,
  msBeforeNext: res?.msBeforeNext ?? WINDOW_S * 1000,
});

const resetOf = (c: Count) => Math.max(1, Math.ceil(c.msBeforeNext / 1000));
const left = (c: Count) => Math.max(0, c.limit - c.used);

/** The policy nearest exhaustion, as the RateLimit header fields draft asks when several apply. */
const tightest = (counts: Count[]): Count =>
  counts.reduce((a, b) => (left(b) / b.limit < left(a) / a.limit ? b : a));

/** `RateLimit-*` for `shown`, and `Retry-After` when the request is refused. */
function headersOf(shown: Count, refused: boolean): Map<string, string> {
  const headers = new Map([
    ['ratelimit-limit', String(shown.limit)],
    ['ratelimit-remaining', String(left(shown))],
    ['ratelimit-reset', String(resetOf(shown))],
  ]);
  if (refused) headers.set('retry-after', String(resetOf(shown)));
  return headers;
}

/** What the GraphQL layer needs once it knows an operation's cost: the caller's budget. */
export interface CallerBudget {
  /**
   * Spends `cost` (and an auth attempt for sign-in operations) and returns the headers to answer with,
   * or throws RATE_LIMITED (with `http.headers` carrying `Retry-After`) when the budget is spent.
   */
  spend(cost: number, rootMutationFields: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Per-caller budgets in Redis (rate-limiter-flexible, fixed windows from the first request): a count
 * of requests, checked at the HTTP edge, and a budget of estimated cost, spent by the GraphQL layer
 * once the cost is known. Both windows are a minute.
 *
 * Fails open while Redis is unreachable: these limits share capacity fairly, they guard no secret,
 * and closing them would turn a Redis blip into a full outage. The per-request guards (query and cost
 * limits, body and header deadlines, the input guard) need no Redis and stay on; /health shows Redis down.
 */
export class RateLimits {
  private readonly requests: RateLimiterRedis;
  private readonly cost: RateLimiterRedis;
  private readonly auth: RateLimiterRedis;
  private readonly outage = outageLog('rate limit', 'requests pass unlimited (fail open)');

  constructor(private readonly options: RateLimitOptions) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `ratelimit:${name}`,
        points,
        duration: WINDOW_S,
      });
    this.requests = limiter('requests', options.perMinute);
    this.cost = limiter('cost', options.costPerMinute);
    this.auth = limiter('auth', options.authPerMinute);
  }

  /** Express middleware after edge auth: counts the request, refuses a caller whose cost budget is spent. */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const caller = callerKey(res.locals.identity?.principal, req.ip);
      let requests: Count;
      let cost: Count;
      try {
        const [counted, spent] = await tryRedis(this.options.redis, () =>
          Promise.all([this.requests.consume(caller).catch(rejected), this.cost.get(caller)]),
        );
        this.outage.ok(req.log);
        requests = countOf(this.options.perMinute, counted);
        cost = countOf(this.options.costPerMinute, spent);
      } catch (err) {
        this.outage.failed(req.log, err);
        next();
        return;
      }
      const over = requests.used > requests.limit ? requests : cost.used >= cost.limit ? cost : undefined;
      for (const [name, value] of headersOf(over ?? tightest([requests, cost]), !!over))
        res.setHeader(name, value);
      if (over) {
        sendGraphQLError(res, Errors.rateLimited(resetOf(over)));
        return;
      }
      res.locals.budget = this.budget(caller, req, requests);
      next();
    };
  }

  private budget(caller: string, req: Request, requests: Count): CallerBudget {
    return {
      spend: async (cost, rootMutationFields) => {
        const signIn = rootMutationFields.some((f) => AUTH_FIELDS.has(f));
        const counts = [requests];
        try {
          const [spent, attempts] = await tryRedis(this.options.redis, () =>
            Promise.all([
              cost > 0 ? this.cost.consume(caller, cost).catch(rejected) : this.cost.get(caller),
              signIn ? this.auth.consume(callerKey(undefined, req.ip)).catch(rejected) : null,
            ]),
          );
          this.outage.ok(req.log);
          counts.push(countOf(this.options.costPerMinute, spent));
          if (attempts) counts.push(countOf(this.options.authPerMinute, attempts));
        } catch (err) {
          this.outage.failed(req.log, err);
          return new Map();
        }
        const over = counts.find((c) => c.used > c.limit);
        if (over && over === counts[1]) {
          // Refused operations run nothing: give their cost back, so a cheaper one still fits what is left.
          await tryRedis(this.options.redis, () => this.cost.reward(caller, cost)).catch(() => undefined);
          over.used -= cost;
        }
        const headers = headersOf(over ?? tightest(counts), !!over);
        if (!over) return headers;
        const error: GraphQLError = Errors.rateLimited(resetOf(over));
        error.extensions.http = { status: 429, headers };
        throw error;
      },
    };
  }
}

/** rate-limiter-flexible rejects with the counter's state when a key is over; a Redis error is rethrown. */
function rejected(err: unknown): RateLimiterRes {
  if (err instanceof RateLimiterRes) return err;
  throw err;
}
