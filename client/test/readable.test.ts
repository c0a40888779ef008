import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { readableError } from '../src/lib/errors';
import { formatBytes, formatPercent, formatSeconds, humanize } from '../src/lib/format';
import { CAPABILITY_FORMS, toInput } from '../src/pages/tasks/capability-forms';

const gqlError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extra } }] });

describe('readableError', () => {
  it('shows the server message for input errors, naming the field', () => {
    expect(readableError(gqlError('BAD_USER_INPUT', 'Password is too short', { field: 'password' }))).toEqual(
      {
        message: 'Password is too short',
        code: 'BAD_USER_INPUT',
        field: 'password',
      },
    );
  });

  it('turns codes into sentences and never shows an internal message', () => {
    expect(readableError(gqlError('UNAUTHENTICATED', 'jwt expired')).message).toBe(
      'Your session has ended. Please sign in again.',
    );
    expect(readableError(gqlError('INTERNAL_SERVER_ERROR', 'relation "x" does not exist')).message).toBe(
      'Something went wrong on our side. Please try again.',
    );
    expect(
      readableError(gqlError('COST_LIMIT_EXCEEDED', 'Operation cost 6001 exceeds the limit of 5000')).message,
    ).toBe('That asks for too much at once. Ask for fewer items and try again.');
  });

  it('reads the coded body of a non-2xx answer, such as the rate limiter’s 429', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }],
    });
    const error = new ServerError('429', { response: new Response(body, { status: 429 }), bodyText: body });
    expect(readableError(error).message).toBe('Too many requests right now. Wait a moment and try again.');
  });

  it('explains a network failure', () => {
    expect(readableError(new TypeError('Failed to fetch')).message).toBe(
      'Cannot reach the server. Check your connection.',
    );
  });
});

describe('formatting', () => {
  it('puts a unit on every number', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatSeconds(0.0421)).toBe('42 ms');
    expect(formatSeconds(1.5)).toBe('1.50 s');
    expect(formatPercent(0.0123)).toBe('1.2 %');
    expect(formatPercent(null)).toBe('—');
    expect(humanize('CONTENT_RESEARCH')).toBe('Content research');
  });
});

describe('capability forms', () => {
  it('turns form text into the capability input, leaving empty optional fields out', () => {
    const input = toInput(CAPABILITY_FORMS.content_research, {
      texts: ' first text \n\n second text ',
      keywords: '12',
      phrases: '',
    });
    expect(input).toEqual({ texts: ['first text', 'second text'], keywords: 12 });
  });

  it('sends a checkbox only when it is ticked', () => {
    expect(toInput(CAPABILITY_FORMS.resource_management, { dryRun: true })).toEqual({ dryRun: true });
    expect(toInput(CAPABILITY_FORMS.resource_management, { dryRun: false })).toEqual({});
  });
});
