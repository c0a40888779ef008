import { firstGraphQLError, readableError } from '../lib/errors';

/** What a failed sign-in step means for the person at the form. */
export type SignInProblem =
  | {
      kind: 'refused';
      message: string;
      /** Locked or slowed: when another try may work (ms since epoch). */
      retryAt?: number;
    }
  /**
   * The password was right; the authenticator app's code (or a recovery code) comes next, or one of the
   * account's passkeys when `passkey` is set.
   */
  | { kind: 'twoFactor'; challengeToken: string; expiresAt: number; passkey?: true }
  /** The password was right, but this (ADMIN) account must set up the app first: the challenge allows only that. */
  | { kind: 'enrol'; challengeToken: string; expiresAt: number }
  /** The code step's challenge ran out or was spent: back to the password. */
  | { kind: 'restart'; message: string };

const seconds = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * Identity's sign-in refusals by code (subgraphs/identity, auth.service.ts and two-factor.service.ts).
 * UNAUTHENTICATED here is a wrong login or password (after a provider: a spent one-time code), never
 * "your session has ended"; the app-wide wording in lib/errors.ts is for requests made while signed in.
 */
export function signInProblem(
  error: unknown,
  step: 'password' | 'code' | 'provider',
  now = Date.now(),
): SignInProblem {
  const first = firstGraphQLError(error);
  const ext = first?.extensions ?? {};
  const retryAfter = seconds(ext.retryAfter);
  const retryAt = retryAfter === undefined ? undefined : now + retryAfter * 1000;
  switch (ext.code) {
    case 'UNAUTHENTICATED':
      if (step === 'provider')
        return { kind: 'refused', message: 'This sign-in has expired or was used already. Start it again.' };
      return step === 'password'
        ? { kind: 'refused', message: 'Wrong username, email or password.' }
        : { kind: 'restart', message: 'This sign-in has expired. Enter your password again.' };
    case 'ACCOUNT_LOCKED':
      return {
        kind: 'refused',
        message: 'Too many failed sign-ins from here: this account is locked.',
        retryAt,
      };
    case 'RATE_LIMITED':
      return { kind: 'refused', message: 'Too many sign-in attempts.', retryAt };
    case 'FORBIDDEN':
      return {
        kind: 'refused',
        message: 'This account is disabled. Ask an administrator to enable it again.',
      };
    case 'TWO_FACTOR_REQUIRED':
      if (typeof ext.challengeToken === 'string')
        return {
          kind: 'twoFactor',
          challengeToken: ext.challengeToken,
          expiresAt: now + (seconds(ext.expiresIn) ?? 300) * 1000,
          ...(Array.isArray(ext.methods) && ext.methods.includes('PASSKEY') && { passkey: true as const }),
        };
      break;
    case 'TWO_FACTOR_ENROLMENT_REQUIRED':
      if (typeof ext.challengeToken === 'string')
        return {
          kind: 'enrol',
          challengeToken: ext.challengeToken,
          expiresAt: now + (seconds(ext.expiresIn) ?? 300) * 1000,
        };
      break;
    case 'PASSKEY_CHALLENGE_INVALID':
      return {
        kind: 'refused',
        message: 'That passkey request ran out or was used already. Try the passkey again.',
      };
    case 'PASSKEY_REJECTED':
      return {
        kind: 'refused',
        message:
          ext.reason === 'unknown-credential'
            ? 'That passkey is not registered to this account. Try another, or use the app’s code.'
            : (first?.message ?? 'The passkey was refused.'),
      };
    case 'BAD_USER_INPUT':
    case 'EMAIL_NOT_VERIFIED':
      // Written for the person signing in: a wrong code, or the address still to confirm.
      return { kind: 'refused', message: first?.message ?? readableError(error).message };
  }
  return { kind: 'refused', message: readableError(error).message };
}
