import { GraphQLError } from 'graphql';
import { appError, type ErrorCode, ErrorCodes } from './errors.js';
import { INTERNAL_SECRET_REFUSED, internalHeaders } from './internal.js';

/** Checks an answer's body and gives it its type: a zod schema, or anything whose `parse` throws on a bad one. */
export interface BodyCheck<T> {
  parse(body: unknown): T;
}

/**
 * Internal routes are single indexed lookups that answer in milliseconds, and most calls wait on a user's
 * request: 3 s is a thousand times their usual answer, so it only ever cuts off a hung service, and leaves
 * the caller time to answer SERVICE_UNAVAILABLE well within any client's patience.
 */
export const INTERNAL_TIMEOUT_MS = 3_000;

export interface InternalClientOptions {
  /** The service called, as its errors name it (`extensions.serviceName`): `channels`. */
  service: string;
  /** Its base URL (config's `<NAME>_URL`); paths resolve against it. */
  baseUrl: string;
  /** INTERNAL_SECRET, sent on every call as `x-internal-auth`. */
  secret: string;
  /**
   * How long the service has to answer: a JSON answer in full, a stream (`open`) until its headers.
   * @default INTERNAL_TIMEOUT_MS (3000)
   */
  timeoutMs?: number;
}

export interface CallOptions {
  /** @default 'POST' with a body, 'GET' without */
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Passed on as `x-request-id`, so the called service's log lines join the caller's request. */
  requestId?: string;
  /** The caller's own end (a job's cancellation): aborts the call, which rejects with its reason. */
  signal?: AbortSignal;
  /** This call's timeout instead of the client's. */
  timeoutMs?: number;
}

/**
 * The one way a service calls another's `/internal/*` routes. Whatever goes wrong becomes the kit's coded
 * error: SERVICE_UNAVAILABLE (with `serviceName`) when the service cannot be reached, is too slow, answers
 * 5xx or a body that fails its check; for a 4xx, the service's own code and message when it sends one of
 * ours, else the code of that status in the registry (401 UNAUTHENTICATED, 404 NOT_FOUND, ...), else
 * INTERNAL_SERVER_ERROR (the route refused what we sent: our bug, not the user's). A refused INTERNAL_SECRET
 * is a deployment fault, never the user's FORBIDDEN: INTERNAL_SERVER_ERROR, logged as such. The caller's own abort
 * rejects with its reason, untouched.
 */
export class InternalClient {
  constructor(private readonly options: InternalClientOptions) {}

  get service(): string {
    return this.options.service;
  }

  /** The JSON answer, checked. */
  json<T>(path: string, check: BodyCheck<T>, options: CallOptions = {}): Promise<T> {
    return this.call(path, options, (res) => this.read(res, check));
  }

  /** The same, or null when the route answers 404 (the internal routes' "no such thing"). */
  find<T>(path: string, check: BodyCheck<T>, options: CallOptions = {}): Promise<T | null> {
    return this.call<T | null>(
      path,
      options,
      (res) => this.read(res, check),
      () => null,
    );
  }

  /** The 2xx response with its body unread, for a caller that streams it; only its signal bounds the body. */
  open(path: string, options: CallOptions = {}): Promise<Response> {
    return this.call(path, options, async (res) => res);
  }

  private async call<T>(
    path: string,
    options: CallOptions,
    take: (res: Response) => Promise<T>,
    missing?: () => T,
  ): Promise<T> {
    const ms = options.timeoutMs ?? this.options.timeoutMs ?? INTERNAL_TIMEOUT_MS;
    // Not AbortSignal.timeout: a stream's timeout must end once its headers are in.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), ms);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    try {
      const res = await fetch(this.url(path, options.query), {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...internalHeaders(this.options.secret, options.requestId),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
      if (res.status === 404 && missing) {
        await res.body?.cancel();
        return missing();
      }
      if (!res.ok) throw await this.refusal(res);
      return await take(res);
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      if (options.signal?.aborted) throw options.signal.reason;
      throw this.unavailable(timeout.signal.aborted ? `no answer within ${ms} ms` : 'unreachable', err);
    } finally {
      clearTimeout(timer);
    }
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    // Joined, not resolved: `new URL('/x', base)` would drop a path the base URL has.
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  private async read<T>(res: Response, check: BodyCheck<T>): Promise<T> {
    // Reading may fail on the wire (a reset, the timeout); that is the transport's error, not the body's.
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw this.unavailable('answered a body that is not JSON', err);
    }
    try {
      return check.parse(body);
    } catch (err) {
      throw this.unavailable('answered a body that fails its check', err);
    }
  }

  private async refusal(res: Response): Promise<GraphQLError> {
    if (res.status >= 500) {
      await res.body?.cancel();
      return this.unavailable(`answered HTTP ${res.status}`);
    }
    const body = (await res.json().catch(() => undefined)) as
      | { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] }
      | undefined;
    const first = body?.errors?.[0];
    const { code, http: _http, ...extensions } = first?.extensions ?? {};
    if (extensions.reason === INTERNAL_SECRET_REFUSED) return this.misconfigured();
    if (isClientCode(code) && typeof first?.message === 'string')
      return appError(code, first.message, extensions);
    return appError(
      CODE_OF_STATUS.get(res.status) ?? 'INTERNAL_SERVER_ERROR',
      `The ${this.service} service refused the call (HTTP ${res.status})`,
    );
  }

  /** The services hold different INTERNAL_SECRETs: the user sees a generic error, the log says which. */
  private misconfigured(): GraphQLError {
    return new GraphQLError('Internal server error', {
      originalError: new Error(
        `${this.service} refused this service's INTERNAL_SECRET: every service must be given the same one`,
      ),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }

  /** The reason is safe to show (no host, port or socket error); the cause stays for the logs. */
  private unavailable(reason: string, cause?: unknown): GraphQLError {
    return new GraphQLError(`The ${this.service} service is unavailable (${reason}); retry shortly`, {
      originalError: new Error(`${this.service}: ${reason}`, { cause }),
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: this.service },
    });
  }
}

/**
 * The code a bare refusal stands for (401 UNAUTHENTICATED, 404 NOT_FOUND, ...): the registry, read
 * backwards. Where several codes share a status, the first listed (the general one) stands for it:
 * a bare 401 says nothing about two-factor sign-in.
 */
const CODE_OF_STATUS = new Map<number, ErrorCode>();
for (const [code, entry] of Object.entries(ErrorCodes) as [ErrorCode, { status: number }][]) {
  if (entry.status < 500 && !CODE_OF_STATUS.has(entry.status)) CODE_OF_STATUS.set(entry.status, code);
}

/** A code of ours that a refusal may carry on to our own caller (INTERNAL_SERVER_ERROR is never a refusal). */
const isClientCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ErrorCodes, code) && ErrorCodes[code as ErrorCode].status < 500;

/** The code of a coded error (what InternalClient throws), for callers that answer some codes their own way. */
export const errorCode = (err: unknown): string | undefined =>
  err instanceof GraphQLError && typeof err.extensions.code === 'string' ? err.extensions.code : undefined;
