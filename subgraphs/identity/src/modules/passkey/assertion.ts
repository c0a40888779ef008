import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { GraphQLError } from 'graphql';
import type { RelyingParty } from './passkey.config.js';
import { Passkey } from './passkey.entity.js';
import { type authenticationAnswer, rejected, verificationError } from './passkey.schema.js';

/**
 * Checks a browser's assertion for one stored passkey (@simplewebauthn/server) and, when it verifies,
 * moves the signature counter on in the UPDATE that accepts it, so of two answers with the same count
 * only one passes. Null when accepted, else the refusal to send.
 */
export async function acceptAssertion(
  em: EntityManager,
  rp: RelyingParty,
  passkey: Passkey,
  response: ReturnType<typeof authenticationAnswer.parse>,
  expectedChallenge: string,
  requireUserVerification: boolean,
): Promise<GraphQLError | null> {
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: Buffer.from(passkey.publicKey, 'base64url'),
      counter: Number(passkey.counter),
      transports: passkey.transports as never,
    },
    requireUserVerification,
  }).catch((error: unknown) => verificationError(error));
  if (!('verified' in result)) return result;
  if (!result.verified) return rejected('signature', 'The passkey’s signature did not verify');
  const { newCounter, credentialBackedUp } = result.authenticationInfo;
  // Authenticators without a counter always say 0; the others must move it on, once.
  const counter = newCounter === 0 ? { counter: 0 } : { counter: { $lt: newCounter } };
  const moved = await em.nativeUpdate(
    Passkey,
    { id: passkey.id, ...counter },
    { counter: newCounter, lastUsedAt: new Date(), backedUp: credentialBackedUp },
  );
  return moved === 0
    ? rejected('counter', 'This passkey’s use counter went backwards: it may have been copied')
    : null;
}
