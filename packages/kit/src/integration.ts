import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Registry } from 'prom-client';
import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';
import { Agent, type Dispatcher, request } from 'undici';
import type { CheckResult } from './health.js';
import { asIntegrationError, countsAgainst, IntegrationError } from './integration-errors.js';
import { type IntegrationMetrics, integrationMetrics } from './integration-metrics.js';
import type { BodyCheck } from './internal-client.js';
import type { Logger } from './logger.js';

export * from './integration-errors.js';
export * from './integration-metrics.js';

export interface IntegrationOptions {
  /** The service as metrics, logs and errors name it: `base44`. */
  name: string;
  baseUrl: string;
  /** Sent on every call (credentials go here: they never reach a log line or an error). */
  headers?: Record<string, string>;
  logger: Logger;
  /** Where the `integration_*` metrics go: the service's Metrics, or a registry merged into it later. */
  metrics: { registry: Registry };
  /** One attempt's deadline, headers and body. @default 5000 */
  timeoutMs?: number;
  /** Attempts in all, the first included. @default 3 */
  maxAttempts?: number;
  /** Exponential backoff with decorrelated jitter between attempts. @default { initialMs: 200, maxMs: 5000 } */
  backoff?: { initialMs?: number; maxMs?: number };
  /** A longer Retry-After than this is not waited for: the call fails at once. @default 30000 */
  maxRetryAfterMs?: number;
  /** Consecutive failed attempts that open the circuit, and how long it stays open. @default { failures: 5, openMs: 30000 } */
  breaker?: { failures?: number; openMs?: number };
  /** Calls a second to this service from this process; excess calls wait their turn. @default 20 */
  perSecond?: number;
  /** For tests (undici's MockAgent) or a proxy. @default a keep-alive Agent */
  dispatcher?: Dispatcher;
}

export interface IntegrationCall {
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether a POST may be sent again after a failure that may have reached the service. @default false */
  idempotent?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const BREAKER_VALUE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 2,
};

/** Seconds or an HTTP date, as RFC 9110 allows; unreadable is absent. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The jittered exponential delay, unless the service said how long to wait (429/503 Retry-After). */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(private readonly inner: IBackoffFactory<unknown>) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const step = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof IntegrationError ? error.details.retryAfterMs : undefined;
    return { duration: asked ?? step.duration, next: (c) => new RetryAfterBackoff(step).next(c) };
  }
}

/**
 * The one way the platform calls an outside HTTP service: undici, with cockatiel's policies around
 * each call: a rate limit (calls wait their turn), retries of transient failures with jittered
 * exponential backoff that honours Retry-After, a circuit breaker that stops calling a service that
 * keeps failing, and a timeout per attempt. Every attempt is counted and timed in Prometheus; every
 * failure is logged without the credentials (headers are never logged; the logger scrubs the rest).
 */
export class IntegrationClient {
  readonly name: string;
  private readonly metrics: IntegrationMetrics;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limiter: RateLimiterQueue;
  private readonly breaker;
  private readonly policy;
  private readonly deadline;
  private lastFailure: string | undefined;

  constructor(private readonly options: IntegrationOptions) {
    this.name = options.name;
    this.metrics = integrationMetrics(options.metrics.registry);
    const timeoutMs = options.timeoutMs ?? 5_000;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const perSecond = options.perSecond ?? 20;
    this.limiter = new RateLimiterQueue(new RateLimiterMemory({ points: perSecond, duration: 1 }), {
      maxQueueSize: perSecond * 10,
    });
    this.breaker = circuitBreaker(handleWhen(countsAgainst), {
      halfOpenAfter: options.breaker?.openMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breaker?.failures ?? 5),
    });
    this.metrics.breaker.set({ integration: this.name }, 0);
    this.breaker.onStateChange((state) => {
      this.metrics.breaker.set({ integration: this.name }, BREAKER_VALUE[state]);
      const log = state === CircuitState.Open ? 'warn' : 'info';
      options.logger[log]({ integration: this.name, breaker: CircuitState[state] }, 'integration circuit');
    });
    const retries = retry(
      handleWhen((e) => e instanceof TaskCancelledError || (e instanceof IntegrationError && e.retriable)),
      {
        maxAttempts: (options.maxAttempts ?? 3) - 1,
        backoff: new RetryAfterBackoff(
          new ExponentialBackoff({
            initialDelay: options.backoff?.initialMs ?? 200,
            maxDelay: options.backoff?.maxMs ?? 5_000,
          }),
        ),
      },
    );
    retries.onRetry(({ delay, attempt, ...reason }) => {
      this.metrics.retries.inc({ integration: this.name });
      const err = 'error' in reason ? (reason.error as Error).message : 'unexpected answer';
      options.logger.warn(
        { integration: this.name, attempt, delayMs: Math.round(delay), err },
        'integration retry',
      );
    });
    this.policy = wrap(retries, this.breaker);
    this.deadline = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  }

  get<T>(path: string, check: BodyCheck<T>, call: Omit<IntegrationCall, 'body'> = {}): Promise<T> {
    return this.request('GET', path, check, { idempotent: true, ...call });
  }

  post<T>(path: string, check: BodyCheck<T>, call: IntegrationCall = {}): Promise<T> {
    return this.request('POST', path, check, call);
  }

  /** The checked JSON answer, or the IntegrationError of the last attempt. */
  async request<T>(
    method: Method,
    path: string,
    check: BodyCheck<T>,
    call: IntegrationCall = {},
  ): Promise<T> {
    const what = `${method} ${path}`;
    try {
      const value = await this.policy.execute(async () => {
        // Waiting for our turn is not the service's slowness: the deadline starts after it.
        await this.limiter.removeTokens(1).catch(() => {
          throw new IntegrationError(this.name, 'rate_limited', `${what}: too many calls queued`);
        });
        return this.deadline.execute(({ signal }) => this.attempt(method, path, check, call, signal));
      });
      this.lastFailure = undefined;
      return value;
    } catch (err) {
      const error = asIntegrationError(this.name, what, err);
      this.metrics.failures.inc({ integration: this.name, reason: error.failure });
      this.lastFailure = error.message;
      this.options.logger.warn({ integration: this.name, err: error.message }, 'integration call failed');
      throw error;
    }
  }

  /**
   * The service's health in the kit's shape: up when `probe` answers, else down with why (the circuit
   * open, a timeout, an HTTP status). Health views show it as an external dependency.
   */
  health(probe: () => Promise<unknown>): Promise<CheckResult> {
    const started = performance.now();
    return probe().then(
      () => ({ status: 'up' as const, latencyMs: Math.round(performance.now() - started) }),
      (err: unknown) => ({
        status: 'down' as const,
        latencyMs: Math.round(performance.now() - started),
        error: asIntegrationError(this.name, 'probe', err).message,
      }),
    );
  }

  /** Closed, half-open or open, and the last failure while it lasts: for health details. */
  get state(): { breaker: 'closed' | 'half-open' | 'open'; lastFailure?: string } {
    const value = BREAKER_VALUE[this.breaker.state];
    const breaker = value === 0 ? 'closed' : value === 1 ? 'half-open' : 'open';
    return { breaker, ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}) };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async attempt<T>(
    method: Method,
    path: string,
    check: BodyCheck<T>,
    call: IntegrationCall,
    signal: AbortSignal,
  ): Promise<T> {
    const what = `${method} ${path}`;
    const end = this.metrics.duration.startTimer({ integration: this.name, method });
    let outcome = 'ok';
    try {
      return await this.send(method, path, check, call, signal);
    } catch (err) {
      const error = asIntegrationError(this.name, what, err);
      // Our timeout aborted the request: undici says "aborted", the cause is the deadline.
      outcome = signal.aborted ? 'timeout' : error.failure;
      // A POST that may have reached the service is not sent twice unless it says it is safe.
      const unsafe = method !== 'GET' && !call.idempotent && error.failure !== 'throttled';
      throw unsafe && error.transient ? error.final() : error;
    } finally {
      end();
      this.metrics.requests.inc({ integration: this.name, method, outcome });
    }
  }

  private async send<T>(
    method: Method,
    path: string,
    check: BodyCheck<T>,
    call: IntegrationCall,
    signal: AbortSignal,
  ): Promise<T> {
    const what = `${method} ${path}`;
    const url = new URL(path.replace(/^\//, ''), `${this.options.baseUrl.replace(/\/?$/, '/')}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const res = await request(url, {
      method,
      dispatcher: this.dispatcher,
      signal,
      headers: {
        accept: 'application/json',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.options.headers,
        ...call.headers,
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const status = res.statusCode;
    if (status >= 300) {
      await res.body.dump();
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
        const max = this.options.maxRetryAfterMs ?? 30_000;
        // Asked to wait longer than we would: fail now, saying how long it asked.
        const final = retryAfterMs !== undefined && retryAfterMs > max;
        throw new IntegrationError(this.name, 'throttled', `${what}: HTTP ${status}`, {
          status,
          retryAfterMs,
          final,
        });
      }
      const failure = status >= 500 || status === 408 ? 'http_5xx' : 'http_4xx';
      throw new IntegrationError(this.name, failure, `${what}: HTTP ${status}`, { status });
    }
    let body: unknown;
    try {
      body = status === 204 ? null : await res.body.json();
      return check.parse(body);
    } catch (err) {
      if (signal.aborted) throw err;
      // No `cause`: a JSON parser's message quotes the body, which may carry anything.
      throw new IntegrationError(this.name, 'malformed', `${what}: the answer is not what was expected`, {
        status,
      });
    }
  }
}
