import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { appError, ErrorCodes, Errors, httpStatusOf, toClientError } from '../src/errors.js';

const format = (error: GraphQLError) =>
  toClientError({ message: error.message, extensions: error.extensions }, error);

describe('toClientError', () => {
  it('passes our codes through with their extensions', () => {
    expect(format(Errors.badInput('name', 'too long'))).toMatchObject({
      message: 'too long',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    expect(format(Errors.accountLocked(60)).extensions).toEqual({ code: 'ACCOUNT_LOCKED', retryAfter: 60 });
  });

  it('hides unknown errors and their stack', () => {
    // (A refused connection is an outage, SERVICE_UNAVAILABLE: outage.test.ts.)
    const wrapped = new GraphQLError('relation "secrets" does not exist (10.0.0.5:5432)', {
      originalError: new Error('relation "secrets" does not exist (10.0.0.5:5432)'),
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    });
    const out = format(wrapped);
    expect(out).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(out)).not.toContain('10.0.0.5');
    expect(JSON.stringify(out)).not.toContain('stacktrace');
  });

  it('maps graphql-js and type-graphql codes onto ours', () => {
    expect(
      format(new GraphQLError('Cannot query field', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }))
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      format(new GraphQLError('Access denied', { extensions: { code: 'UNAUTHORIZED' } })).extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('HTTP status of each code', () => {
  it('is defined once in the registry, and anything unknown is a 500', () => {
    expect(Object.fromEntries(Object.entries(ErrorCodes).map(([code, e]) => [code, e.status]))).toEqual({
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      BAD_USER_INPUT: 400,
      NOT_FOUND: 404,
      CONFLICT: 409,
      RATE_LIMITED: 429,
      COST_LIMIT_EXCEEDED: 400,
      ACCOUNT_LOCKED: 423,
      EMAIL_NOT_VERIFIED: 403,
      TWO_FACTOR_REQUIRED: 401,
      TWO_FACTOR_ENROLMENT_REQUIRED: 403,
      PASSKEY_CHALLENGE_INVALID: 400,
      PASSKEY_REJECTED: 401,
      BUDGET_EXCEEDED: 429,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL_SERVER_ERROR: 500,
      PERSISTED_QUERY_NOT_FOUND: 200,
      PERSISTED_QUERY_NOT_SUPPORTED: 200,
      PERSISTED_QUERY_NOT_IN_LIST: 400,
      SUBSCRIPTION_SOURCE_ENDED: 502,
    });
    expect(httpStatusOf('RATE_LIMITED')).toBe(429);
    expect(httpStatusOf('toString')).toBe(500);
    expect(httpStatusOf(undefined)).toBe(500);
  });
});

describe('the registry', () => {
  it('holds one record per code: the code itself, a status, a description, retry advice and a factory', () => {
    for (const [key, record] of Object.entries(ErrorCodes)) {
      expect(record.code).toBe(key);
      // 200 only for the persisted-query protocol's in-band answers (the client resends at once).
      if (!key.startsWith('PERSISTED_QUERY_NOT_')) expect(record.status).toBeGreaterThanOrEqual(400);
      expect(record.status).toBeLessThan(600);
      expect(record.description.length).toBeGreaterThan(10);
      expect(record.retry.length).toBeGreaterThan(2);
      const error = record.err('it happened', { field: 'x' });
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.message).toBe('it happened');
      expect(error.extensions).toEqual({ field: 'x', code: key });
      expect(record.is(error)).toBe(true);
    }
  });

  it('lets no extension override the code, and tells its errors from others', () => {
    expect(appError('NOT_FOUND', 'gone', { code: 'FORBIDDEN' }).extensions.code).toBe('NOT_FOUND');
    expect(ErrorCodes.FORBIDDEN.is(Errors.notFound('Task'))).toBe(false);
    expect(ErrorCodes.FORBIDDEN.is(new Error('FORBIDDEN'))).toBe(false);
    expect(ErrorCodes.NOT_FOUND.is(Errors.notFound('Task'))).toBe(true);
  });
});
