import { ErrorCodes, z } from '@trae/kit';
import type { GraphQLError } from 'graphql';

const base64url = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]*$/, { error: 'expected base64url' });

/** The browser's answer as @simplewebauthn/browser sends it; the library checks the rest. */
const credential = <R extends z.ZodRawShape>(response: R) =>
  z.object({
    id: base64url.min(1).max(1024),
    rawId: base64url,
    type: z.literal('public-key'),
    response: z.object(response),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  });

export const registrationAnswer = credential({
  clientDataJSON: base64url.min(1),
  attestationObject: base64url.min(1),
  transports: z.array(z.string().max(32)).max(8).optional(),
});

export const authenticationAnswer = credential({
  clientDataJSON: base64url.min(1),
  authenticatorData: base64url.min(1),
  signature: base64url.min(1),
  userHandle: base64url.optional(),
});

export const passkeyName = z
  .string()
  .trim()
  .min(1, { error: 'give the passkey a name' })
  .max(64, { error: 'at most 64 characters' });

const challengeToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,128}$/, { error: 'challengeToken: is not a valid challenge token' });

export const registerInput = z.object({ name: passkeyName, response: registrationAnswer });
export const loginInput = z.object({ challengeToken, response: authenticationAnswer });
export const optionsInput = z.object({ challengeToken });
export const passwordlessInput = z.object({
  flowId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a passkey sign-in id' }),
  response: authenticationAnswer,
});

export type PasskeyFailure =
  | 'origin'
  | 'rp-id'
  | 'signature'
  | 'counter'
  | 'unknown-credential'
  | 'user-presence'
  | 'malformed';

export const rejected = (reason: PasskeyFailure, message: string): GraphQLError =>
  ErrorCodes.PASSKEY_REJECTED.err(message, { reason });

export const staleChallenge = (): GraphQLError =>
  ErrorCodes.PASSKEY_CHALLENGE_INVALID.err(
    'This passkey request has expired, was used already, or is for another request: try the passkey again',
  );

/**
 * @simplewebauthn's verifiers throw plain errors; their messages (which quote the values sent) stay in
 * identity, and the client gets our code and a reason.
 */
export function verificationError(error: unknown): GraphQLError {
  const m = error instanceof Error ? error.message : '';
  if (/response challenge/.test(m)) return staleChallenge();
  if (/response origin|top origin/.test(m))
    return rejected('origin', 'This passkey answer comes from another site than this one');
  if (/RP ID/.test(m)) return rejected('rp-id', 'This passkey belongs to another site');
  if (/counter/.test(m))
    return rejected('counter', 'This passkey’s use counter went backwards: it may have been copied');
  if (/User (not present|presence|verification)/.test(m))
    return rejected('user-presence', 'The authenticator did not confirm that you were there');
  return rejected('malformed', 'The authenticator’s answer could not be read');
}
