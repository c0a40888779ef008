import type { MikroORM } from '@mikro-orm/postgresql';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { Limit } from '@trae/kit';
import { Errors, parseInput } from '@trae/kit';
import type { GraphQLError } from 'graphql';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../auth/auth.service.js';
import type { ClientInfo } from '../session/session.service.js';
import type { Challenges } from '../two-factor/challenges.js';
import { User } from '../user/user.entity.js';
import type { Ceremonies } from './ceremonies.js';
import type { RelyingParty } from './passkey.config.js';
import { Passkey } from './passkey.entity.js';
import { loginInput, optionsInput, rejected, staleChallenge, verificationError } from './passkey.schema.js';

const SIGN_IN_ENDED = 'This sign-in has expired or ended; sign in again';

/**
 * A passkey as the second step of a sign-in: options bound to the sign-in's challenge token, then the
 * browser's answer, verified once, with the signature counter moved on in the same statement that
 * accepts it. Failures count against the account like wrong codes (TWO_FACTOR_MAX_FAILURES).
 */
export class PasskeySignIn {
  constructor(
    private readonly orm: MikroORM,
    private readonly rp: RelyingParty,
    private readonly ceremonies: Ceremonies,
    private readonly challenges: Challenges,
    private readonly failures: Limit,
    private readonly audit: AuditService,
  ) {}

  /** `PublicKeyCredentialRequestOptionsJSON` naming the account's passkeys, for `startAuthentication`. */
  async options(input: unknown): Promise<Record<string, unknown>> {
    const { challengeToken } = parseInput(optionsInput, input);
    const userId = await this.challenges.find(challengeToken, 'login');
    if (!userId) throw Errors.unauthenticated(SIGN_IN_ENDED);
    const passkeys = await this.orm.em.fork().find(Passkey, { userId });
    if (passkeys.length === 0) throw Errors.conflict('This account has no passkey: use the app’s code');
    const options = await generateAuthenticationOptions({
      rpID: this.rp.id,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
      userVerification: 'preferred',
      timeout: this.ceremonies.timeoutMs,
    });
    await this.ceremonies.put(`login:${sha256(challengeToken)}`, options.challenge);
    return options as unknown as Record<string, unknown>;
  }

  /** The user whose sign-in a verified passkey answer completes. */
  async complete(input: unknown, client: ClientInfo = {}): Promise<User> {
    const { challengeToken, response } = parseInput(loginInput, input);
    // Taken first, whatever follows: an answer is checked against its challenge once.
    const expectedChallenge = await this.ceremonies.take(`login:${sha256(challengeToken)}`);
    const userId = await this.challenges.find(challengeToken, 'login');
    if (!userId) throw Errors.unauthenticated(SIGN_IN_ENDED);
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user || user.disabled) throw Errors.unauthenticated(SIGN_IN_ENDED);
    await this.failures.check(userId);
    if (!expectedChallenge) throw await this.fail(challengeToken, userId, client, staleChallenge());
    const passkey = await em.findOne(Passkey, { userId, credentialId: response.id });
    if (!passkey)
      throw await this.fail(
        challengeToken,
        userId,
        client,
        rejected('unknown-credential', 'This passkey is not registered to this account'),
      );
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.rp.origins,
      expectedRPID: this.rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey, 'base64url'),
        counter: Number(passkey.counter),
        transports: passkey.transports as never,
      },
      requireUserVerification: false,
    }).catch((error: unknown) => verificationError(error));
    if (!('verified' in result) || !result.verified)
      throw await this.fail(
        challengeToken,
        userId,
        client,
        'verified' in result ? rejected('signature', 'The passkey’s signature did not verify') : result,
      );
    const { newCounter, credentialBackedUp } = result.authenticationInfo;
    // Authenticators without a counter always say 0; the others must move it on, once.
    const counter = newCounter === 0 ? { counter: 0 } : { counter: { $lt: newCounter } };
    const moved = await em.nativeUpdate(
      Passkey,
      { id: passkey.id, ...counter },
      { counter: newCounter, lastUsedAt: new Date(), backedUp: credentialBackedUp },
    );
    if (moved === 0)
      throw await this.fail(
        challengeToken,
        userId,
        client,
        rejected('counter', 'This passkey’s use counter went backwards: it may have been copied'),
      );
    if (!(await this.challenges.spend(challengeToken))) throw Errors.unauthenticated(SIGN_IN_ENDED);
    return user;
  }

  /** Counted and audited like a wrong code; the challenge ends after its allowance. */
  private async fail(
    challengeToken: string,
    userId: string,
    client: ClientInfo,
    error: GraphQLError,
  ): Promise<GraphQLError> {
    await this.challenges.fail(challengeToken);
    await this.failures.take(userId).catch(() => {});
    await this.audit.record({
      type: AuditEventType.TWO_FACTOR_FAILED,
      subjectId: userId,
      ip: client.ip,
      details: { kind: 'passkey', reason: error.extensions.reason ?? error.extensions.code },
    });
    return error;
  }
}
