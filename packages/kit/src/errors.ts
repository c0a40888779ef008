import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDependencyOutage } from './outage.js';

/** What the registry says of a code; `docs/errors.md` is generated from these (`npm run docs:errors`). */
interface CodeFacts {
  /** The HTTP status of an answer that carries only this error (outside GraphQL, or the whole request). */
  status: number;
  /** What it means, for a client developer. */
  description: string;
  /** Whether and when the same request may succeed if sent again. */
  retry: string;
}

/** One record per code: its facts, the factory that makes a GraphQLError carrying it, and its test. */
export type ErrorCodeDefinition<C extends string = string> = CodeFacts & {
  code: C;
  err(message: string, extensions?: Record<string, unknown>): GraphQLError;
  /** True for a GraphQLError that carries this code. */
  is(error: unknown): error is GraphQLError;
};

function defineCodes<T extends Record<string, CodeFacts>>(facts: T) {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(facts).map(([code, f]) => {
        const err = (message: string, extensions: Record<string, unknown> = {}) =>
          new GraphQLError(message, { extensions: { ...extensions, code } });
        const is = (error: unknown) => error instanceof GraphQLError && error.extensions.code === code;
        return [code, Object.freeze({ code, ...f, err, is })];
      }),
    ),
  ) as { readonly [C in keyof T & string]: ErrorCodeDefinition<C> };
}

/** Every error code a client can see, defined once. */
export const ErrorCodes = defineCodes({
  UNAUTHENTICATED: {
    status: 401,
    description: 'The request has no valid credentials, or they have expired.',
    retry: 'After `refreshToken` (or signing in again) with the new access token; never with the same one.',
  },
  FORBIDDEN: {
    status: 403,
    description: 'The caller is known but may not do this.',
    retry: 'No: the same caller gets the same answer until its role or membership changes.',
  },
  BAD_USER_INPUT: {
    status: 400,
    description: 'An argument is invalid; `extensions.field` names it.',
    retry: 'No: correct the field first.',
  },
  NOT_FOUND: {
    status: 404,
    description: 'The object does not exist or the caller may not see it.',
    retry: 'No.',
  },
  CONFLICT: {
    status: 409,
    description: 'The change clashes with existing data (a unique name, a stale state).',
    retry: 'Not as it is: re-read the current state, then decide (another name, another step).',
  },
  RATE_LIMITED: {
    status: 429,
    description: 'Too many requests; retry after `extensions.retryAfter` seconds.',
    retry:
      'Yes, after `extensions.retryAfter` seconds (HTTP also sends `Retry-After`) where given, else later.',
  },
  COST_LIMIT_EXCEEDED: {
    status: 400,
    description:
      'The operation’s estimated cost (`extensions.cost`, by the `@cost`/`@listSize` directives of the schema) is above the gateway’s maximum (`extensions.maxCost`, `COST_MAX`); nothing was run.',
    retry:
      'No: ask for fewer items (smaller `first`/`last`) or fewer expensive fields, or split the operation.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    description: 'Too many failed logins; the account is locked for a while.',
    retry: 'Yes, after `extensions.retryAfter` seconds, with the right password.',
  },
  EMAIL_NOT_VERIFIED: {
    status: 403,
    description:
      'The password was right, but the account must confirm its email address first (REQUIRE_EMAIL_VERIFICATION).',
    retry: 'After following the link in the verification email (`resendVerification` sends another).',
  },
  TWO_FACTOR_REQUIRED: {
    status: 401,
    description:
      'The password was right and the account has two-factor sign-in on: `extensions.challengeToken` (valid `extensions.expiresIn` seconds) goes to `completeTwoFactorLogin` with a code, or to `passkeyLoginOptions` and `completePasskeyLogin` when `extensions.methods` lists `PASSKEY`.',
    retry:
      'Not as it is: send `completeTwoFactorLogin` with the challenge token and a TOTP or recovery code.',
  },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    description:
      'The password was right, but ADMIN accounts must have two-factor sign-in (REQUIRE_2FA_FOR_ADMINS): `extensions.challengeToken` (valid `extensions.expiresIn` seconds) allows only `enrolTotp` and `completeTwoFactorEnrolment`, which turns it on and signs in.',
    retry:
      'Not as it is: `enrolTotp(challengeToken)`, then `completeTwoFactorEnrolment` with the app’s first code (its answer is the session and the recovery codes).',
  },
  PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    description:
      'A passkey answer is not for a live challenge of ours: it expired, was used already, or was signed over another challenge (a replay).',
    retry:
      'Not as it is: ask for new options (`passkeyRegistrationOptions`, `passkeyLoginOptions`, `passkeySignInOptions`) and use the passkey again.',
  },
  PASSKEY_REJECTED: {
    status: 401,
    description:
      'The authenticator’s answer did not verify; `extensions.reason` says why: `origin`, `rp-id`, `signature`, `counter` (a cloned key), `unknown-credential`, `user-presence` or `malformed`.',
    retry: 'Not with the same answer: use a registered passkey on this site, or another second factor.',
  },
  BUDGET_EXCEEDED: {
    status: 429,
    description:
      'A daily language-model budget (of the user or of the agent) is used up; `extensions.scope` says which and `extensions.resetsAt` when it refills.',
    retry: 'After `extensions.resetsAt` (midnight UTC), or once an operator raises the budget.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description: 'A service the request needs is unavailable; retry shortly.',
    retry:
      'Yes, with backoff (`extensions.serviceName` names the service). A query is safe to resend; re-read before resending a mutation, or use `createTask`’s `idempotencyKey`.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    description: 'Something failed on our side; the request id is in the logs.',
    retry: 'Once, later; if it persists, report the `x-request-id` of the answer.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    description:
      'The request sent only `extensions.persistedQuery.sha256Hash` (automatic persisted queries) and no gateway has seen that document yet. Answered with 200, as the protocol has it.',
    retry: 'Yes, at once: send the same request again with `query` and the hash (Apollo Client does).',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    description:
      'Automatic persisted queries are off on this gateway (`APQ=off`); listed document ids still work. Answered with 200, as the protocol has it.',
    retry: 'Yes, with the full `query` and no `persistedQuery` extension.',
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    status: 400,
    description:
      'The operation is not one of the trusted documents, and this caller may send only those (`TRUSTED_DOCUMENTS=require`: browser sessions and guests; API keys too with `TRUSTED_DOCUMENTS_API_KEYS=listed`).',
    retry: 'No: send a listed operation (by its document id), or use an API key for other operations.',
  },
  SUBSCRIPTION_SOURCE_ENDED: {
    status: 502,
    description:
      'The service behind a subscription ended it and the gateway could not resume it; resubscribe.',
    retry:
      'Resubscribe now; the gateway checks the credential again, so a refused one answers `UNAUTHENTICATED`.',
  },
});

export type ErrorCode = keyof typeof ErrorCodes;

/** The HTTP status of a code; anything unknown is our fault until shown otherwise. */
export const httpStatusOf = (code: unknown): number =>
  typeof code === 'string' && Object.hasOwn(ErrorCodes, code) ? ErrorCodes[code as ErrorCode].status : 500;

/** The registry's factory for `code`, for callers that pick the code at run time. */
export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return ErrorCodes[code].err(message, extensions);
}

/** The common errors with their usual messages and extensions. */
export const Errors = {
  unauthenticated: (message = 'Authentication required') => ErrorCodes.UNAUTHENTICATED.err(message),
  forbidden: (message = 'Not allowed') => ErrorCodes.FORBIDDEN.err(message),
  badInput: (field: string, message: string) => ErrorCodes.BAD_USER_INPUT.err(message, { field }),
  notFound: (what: string) => ErrorCodes.NOT_FOUND.err(`${what} not found`),
  conflict: (message: string, field?: string) => ErrorCodes.CONFLICT.err(message, field ? { field } : {}),
  rateLimited: (retryAfter: number) => ErrorCodes.RATE_LIMITED.err('Too many requests', { retryAfter }),
  /** A database or Redis the service needs is down, restarting or unreachable (see outage.ts). */
  dependencyUnavailable: () =>
    ErrorCodes.SERVICE_UNAVAILABLE.err('A service this request needs is unavailable; retry shortly'),
  budgetExceeded: (message: string, scope: 'user' | 'agent', resetsAt: Date) =>
    ErrorCodes.BUDGET_EXCEEDED.err(message, { scope, resetsAt: resetsAt.toISOString() }),
  accountLocked: (retryAfter: number) =>
    ErrorCodes.ACCOUNT_LOCKED.err('Account temporarily locked after repeated failed logins', { retryAfter }),
};

/** Codes whose message is safe to show; an internal error's message may carry hosts, SQL or paths. */
const KNOWN = new Set<string>(Object.keys(ErrorCodes).filter((c) => c !== 'INTERNAL_SERVER_ERROR'));
/** Codes graphql-js and Apollo Server put on errors that are the client's fault. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Maps whatever a resolver threw to a client-safe error: known codes pass through,
 * type-graphql's auth errors get ours, anything else becomes
 * INTERNAL_SERVER_ERROR with a generic message. Stack traces never leave the process.
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const { stacktrace: _s, exception: _e, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;

  // type-graphql's own code for a failed role check.
  if (code === 'UNAUTHORIZED') return { ...base, extensions: { code: 'FORBIDDEN' } };
  if (code && KNOWN.has(code)) return { ...base, extensions: { ...ext, code } };
  if (code && CLIENT_CODES.has(code)) return { ...base, extensions: { ...ext, code: 'BAD_USER_INPUT' } };
  // A database or Redis outage is not a bug: say so with the retryable code, still without internals.
  if (isDependencyOutage(original)) {
    const outage = Errors.dependencyUnavailable();
    return { ...base, message: outage.message, extensions: outage.extensions };
  }
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** True when the error is a bug or an outage rather than the client's mistake; those are logged. */
export function isServerFault(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR';
}
