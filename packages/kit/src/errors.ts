import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Every error code a client can see, defined once: what it means and the HTTP status it answers with. */
export const ErrorCodes = {
  UNAUTHENTICATED: {
    status: 401,
    description: 'The request has no valid credentials, or they have expired.',
  },
  FORBIDDEN: { status: 403, description: 'The caller is known but may not do this.' },
  BAD_USER_INPUT: { status: 400, description: 'An argument is invalid; `extensions.field` names it.' },
  NOT_FOUND: { status: 404, description: 'The object does not exist or the caller may not see it.' },
  CONFLICT: {
    status: 409,
    description: 'The change clashes with existing data (a unique name, a stale state).',
  },
  RATE_LIMITED: {
    status: 429,
    description: 'Too many requests; retry after `extensions.retryAfter` seconds.',
  },
  ACCOUNT_LOCKED: { status: 423, description: 'Too many failed logins; the account is locked for a while.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description: 'A service the request needs is unavailable; retry shortly.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    description: 'Something failed on our side; the request id is in the logs.',
  },
  SUBSCRIPTION_SOURCE_ENDED: {
    status: 502,
    description:
      'The service behind a subscription ended it and the gateway could not resume it; resubscribe.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

/** The HTTP status of a code; anything unknown is our fault until shown otherwise. */
export const httpStatusOf = (code: unknown): number =>
  typeof code === 'string' && Object.hasOwn(ErrorCodes, code) ? ErrorCodes[code as ErrorCode].status : 500;

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const Errors = {
  unauthenticated: (message = 'Authentication required') => appError('UNAUTHENTICATED', message),
  forbidden: (message = 'Not allowed') => appError('FORBIDDEN', message),
  badInput: (field: string, message: string) => appError('BAD_USER_INPUT', message, { field }),
  notFound: (what: string) => appError('NOT_FOUND', `${what} not found`),
  conflict: (message: string, field?: string) => appError('CONFLICT', message, field ? { field } : {}),
  rateLimited: (retryAfter: number) => appError('RATE_LIMITED', 'Too many requests', { retryAfter }),
  accountLocked: (retryAfter: number) =>
    appError('ACCOUNT_LOCKED', 'Account temporarily locked after repeated failed logins', { retryAfter }),
};

/** Codes whose message is safe to show; an internal error's message may carry hosts, SQL or paths. */
const KNOWN = new Set<string>(Object.keys(ErrorCodes).filter((c) => c !== 'INTERNAL_SERVER_ERROR'));
/** Codes graphql-js and Apollo Server put on errors that are the client's fault. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function firstViolation(
  errors: ValidationErrorLike[],
  prefix = '',
): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = e.constraints && Object.values(e.constraints)[0];
    if (message) return { field, message };
    const nested = firstViolation(e.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Maps whatever a resolver threw to a client-safe error: known codes pass through,
 * type-graphql's validation and auth errors get our codes, anything else becomes
 * INTERNAL_SERVER_ERROR with a generic message. Stack traces never leave the process.
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const { stacktrace: _s, exception: _e, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;

  const validationErrors = (
    original as { extensions?: { validationErrors?: ValidationErrorLike[] } } | undefined
  )?.extensions?.validationErrors;
  if (validationErrors) {
    const v = firstViolation(validationErrors);
    return {
      ...base,
      message: v ? `${v.field}: ${v.message}` : 'Invalid input',
      extensions: { code: 'BAD_USER_INPUT', field: v?.field },
    };
  }
  // type-graphql's own code for a failed role check.
  if (code === 'UNAUTHORIZED') return { ...base, extensions: { code: 'FORBIDDEN' } };
  if (code && KNOWN.has(code)) return { ...base, extensions: { ...ext, code } };
  if (code && CLIENT_CODES.has(code)) return { ...base, extensions: { ...ext, code: 'BAD_USER_INPUT' } };
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** True when the error is a bug or an outage rather than the client's mistake; those are logged. */
export function isServerFault(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR';
}
