import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { signInProblem } from '../src/auth/sign-in-errors';
import { formatDuration } from '../src/lib/format';

const refusal = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extra } }] });

describe('signInProblem', () => {
  it('reports a wrong password as such, never as an ended session', () => {
    const problem = signInProblem(refusal('UNAUTHENTICATED', 'Invalid login or password'), 'password');
    expect(problem).toEqual({ kind: 'refused', message: 'Wrong username, email or password.' });
  });

  it('says how long a lock lasts, also when it came as a 423 body', () => {
    const body = JSON.stringify({
      errors: [
        { message: 'Account temporarily locked', extensions: { code: 'ACCOUNT_LOCKED', retryAfter: 900 } },
      ],
    });
    const locked = new ServerError('423', { response: new Response(body, { status: 423 }), bodyText: body });
    expect(signInProblem(locked, 'password', 1_000)).toEqual({
      kind: 'refused',
      message: 'Too many failed sign-ins from here: this account is locked.',
      retryAt: 901_000,
    });
  });

  it('names a disabled account', () => {
    expect(signInProblem(refusal('FORBIDDEN', 'This account is disabled'), 'password')).toMatchObject({
      message: 'This account is disabled. Ask an administrator to enable it again.',
    });
  });

  it('asks for the second factor with the challenge, and starts over when the challenge is gone', () => {
    const required = refusal('TWO_FACTOR_REQUIRED', 'Enter the code', {
      challengeToken: 'c1',
      expiresIn: 300,
    });
    expect(signInProblem(required, 'password', 0)).toEqual({
      kind: 'twoFactor',
      challengeToken: 'c1',
      expiresAt: 300_000,
    });
    expect(signInProblem(refusal('UNAUTHENTICATED', 'This sign-in has expired'), 'code').kind).toBe(
      'restart',
    );
    expect(
      signInProblem(refusal('BAD_USER_INPUT', 'That code is not right (or was used already)'), 'code'),
    ).toEqual({ kind: 'refused', message: 'That code is not right (or was used already)' });
  });

  it('offers the passkey when identity lists it, and the enrolment step an admin must take', () => {
    const withPasskey = refusal('TWO_FACTOR_REQUIRED', 'Enter the code', {
      challengeToken: 'c2',
      expiresIn: 300,
      methods: ['TOTP', 'RECOVERY_CODE', 'PASSKEY'],
    });
    expect(signInProblem(withPasskey, 'password', 0)).toEqual({
      kind: 'twoFactor',
      challengeToken: 'c2',
      expiresAt: 300_000,
      passkey: true,
    });
    const enrol = refusal('TWO_FACTOR_ENROLMENT_REQUIRED', 'Admins must turn on two-factor', {
      challengeToken: 'c3',
      expiresIn: 120,
    });
    expect(signInProblem(enrol, 'password', 0)).toEqual({
      kind: 'enrol',
      challengeToken: 'c3',
      expiresAt: 120_000,
    });
    expect(signInProblem(enrol, 'provider', 0).kind).toBe('enrol');
  });

  it('says why a passkey was refused', () => {
    expect(signInProblem(refusal('PASSKEY_CHALLENGE_INVALID', 'expired'), 'code')).toEqual({
      kind: 'refused',
      message: 'That passkey request ran out or was used already. Try the passkey again.',
    });
    expect(
      signInProblem(
        refusal('PASSKEY_REJECTED', 'This passkey answer comes from another site than this one', {
          reason: 'origin',
        }),
        'code',
      ),
    ).toEqual({ kind: 'refused', message: 'This passkey answer comes from another site than this one' });
  });

  it('explains an unreachable server', () => {
    expect(signInProblem(new TypeError('Failed to fetch'), 'password')).toEqual({
      kind: 'refused',
      message: 'Cannot reach the server. Check your connection.',
    });
  });
});

describe('formatDuration', () => {
  it('reads as a person would say it', () => {
    expect([formatDuration(45), formatDuration(872), formatDuration(900), formatDuration(3900)]).toEqual([
      '45 s',
      '14 min 32 s',
      '15 min',
      '1 h 5 min',
    ]);
  });
});
