import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** What each API error code means to a person; the server's own message follows when it helps. */
const READABLE: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'That item no longer exists, or you cannot see it.',
  CONFLICT: 'That conflicts with something that already exists.',
  RATE_LIMITED: 'Too many requests right now. Wait a moment and try again.',
  COST_LIMIT_EXCEEDED: 'That asks for too much at once. Ask for fewer items and try again.',
  ACCOUNT_LOCKED: 'This account is locked for a while after too many failed sign-ins.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
};

/** Codes whose server message is written for users (it names the field or the rule). */
const SHOW_SERVER_MESSAGE = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'ACCOUNT_LOCKED']);

export interface ReadableError {
  message: string;
  code?: string;
  /** The input field a BAD_USER_INPUT error names, for forms. */
  field?: string;
}

function fromCode(code: string | undefined, serverMessage: string, field?: string): ReadableError {
  if (code && SHOW_SERVER_MESSAGE.has(code)) return { message: serverMessage, code, field };
  if (code && READABLE[code]) return { message: READABLE[code], code, field };
  return { message: serverMessage || READABLE.INTERNAL_SERVER_ERROR, code, field };
}

/** The GraphQL errors in the body of a non-2xx answer (429, 400, 503): the gateway's own carry codes. */
export function errorsOfBody(text: string): GraphQLFormattedError[] | null {
  try {
    const body = JSON.parse(text) as { errors?: GraphQLFormattedError[] };
    return body.errors?.length ? body.errors : null;
  } catch {
    return null;
  }
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Any error the app can meet (GraphQL, network, thrown) as one sentence for the screen. */
export function readableError(error: unknown): ReadableError {
  const first = firstGraphQLError(error);
  if (first || CombinedGraphQLErrors.is(error)) {
    const ext = first?.extensions ?? {};
    return fromCode(asString(ext.code), first?.message ?? '', asString(ext.field));
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 429) return fromCode('RATE_LIMITED', '');
    if (error.statusCode >= 500) return { message: 'The server is unavailable. Please try again shortly.' };
    return { message: `The server answered ${error.statusCode}.` };
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return { message: 'Cannot reach the server. Check your connection.' };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: READABLE.INTERNAL_SERVER_ERROR };
}

/** The first GraphQL error an operation failed with, also from a non-2xx answer's body. */
export function firstGraphQLError(error: unknown): GraphQLFormattedError | undefined {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0];
  if (ServerError.is(error)) return errorsOfBody(error.bodyText)?.[0];
  return undefined;
}

/** True when the error means the caller must sign in again. */
export function isUnauthenticated(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

/**
 * A BAD_USER_INPUT error as a form shows it beside a field: which of `fields` it names (`input.threshold`
 * and `input.notify.0` name `threshold` and `notify`) and the rule broken, without the path or property
 * name the server puts before it (the form shows its own label). Null when it names none of them: show it whole.
 */
export function inputFieldError<K extends string>(
  error: unknown,
  fields: readonly K[],
  prefix = 'input.',
): { field: K; message: string } | null {
  const { code, field, message } = readableError(error);
  if (code !== 'BAD_USER_INPUT' || !field) return null;
  const key = (field.startsWith(prefix) ? field.slice(prefix.length) : field).split('.')[0] as K;
  if (!fields.includes(key)) return null;
  // Some rules repeat the property ("newPassword must be longer…"): the form's label says it already.
  const rule = message.replace(/^[\w.]+:\s*/, '').replace(new RegExp(`^${key}:?\\s+`), '');
  return { field: key, message: rule };
}
