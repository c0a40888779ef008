import type { MikroORM } from '@mikro-orm/postgresql';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { Limit } from '@trae/kit';
import { Errors, parseInput } from '@trae/kit';
import type { GraphQLError } from 'graphql';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../auth/auth.service.js';
import type { ClientInfo } from '../session/session.service.js';
import type { Challenges } from '../two-factor/challenges.js';
import { User } from '../user/user.entity.js';
import { acceptAssertion } from './assertion.js';
import type { Ceremonies } from './ceremonies.js';
import type { RelyingParty } from './passkey.config.js';
import { Passkey } from './passkey.entity.js';
import { loginInput, optionsInput, rejected, staleChallenge } from './passkey.schema.js';

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
    const refused = await acceptAssertion(em, this.rp, passkey, response, expectedChallenge, false);
    if (refused) throw await this.fail(challengeToken, userId, client, refused);
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
