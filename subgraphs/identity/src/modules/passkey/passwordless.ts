import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { Limit } from '@trae/kit';
import { Errors, parseInput } from '@trae/kit';
import type { GraphQLError } from 'graphql';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../auth/auth.service.js';
import type { ClientInfo } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import { acceptAssertion } from './assertion.js';
import type { Ceremonies } from './ceremonies.js';
import type { RelyingParty } from './passkey.config.js';
import { Passkey } from './passkey.entity.js';
import { passwordlessInput, rejected, staleChallenge } from './passkey.schema.js';

/**
 * Sign-in with a passkey alone: the browser offers the discoverable passkeys it holds for this site,
 * and an answer with user verification (PIN or biometrics on the device: something held and something
 * known or been) is both factors, so no password and no code are asked. Failures are limited per client
 * address, as nothing names the account before the answer does.
 */
export class PasswordlessPasskeys {
  constructor(
    private readonly orm: MikroORM,
    private readonly rp: RelyingParty,
    private readonly ceremonies: Ceremonies,
    private readonly limits: { starts: Limit; failures: Limit },
    private readonly audit: AuditService,
  ) {}

  async start(client: ClientInfo = {}): Promise<{ flowId: string; options: Record<string, unknown> }> {
    await this.limits.starts.take(client.ip ?? 'unknown');
    const options = await generateAuthenticationOptions({
      rpID: this.rp.id,
      userVerification: 'required',
      timeout: this.ceremonies.timeoutMs,
    });
    const flowId = randomBytes(32).toString('base64url');
    await this.ceremonies.put(`passwordless:${sha256(flowId)}`, options.challenge);
    return { flowId, options: options as unknown as Record<string, unknown> };
  }

  /** The account whose passkey signed the answer, verified once, with user verification. */
  async complete(input: unknown, client: ClientInfo = {}): Promise<User> {
    const { flowId, response } = parseInput(passwordlessInput, input);
    const address = client.ip ?? 'unknown';
    await this.limits.failures.check(address);
    const expectedChallenge = await this.ceremonies.take(`passwordless:${sha256(flowId)}`);
    if (!expectedChallenge) throw await this.fail(address, client, staleChallenge());
    const em = this.orm.em.fork();
    const passkey = await em.findOne(Passkey, { credentialId: response.id });
    // The authenticator names the account it keeps the key for (the user id given at registration).
    const handle = passkey && Buffer.from(passkey.userId, 'utf8').toString('base64url');
    if (!passkey || response.response.userHandle !== handle)
      throw await this.fail(
        address,
        client,
        rejected('unknown-credential', 'This passkey is not registered here'),
      );
    const refused = await acceptAssertion(em, this.rp, passkey, response, expectedChallenge, true);
    if (refused) throw await this.fail(address, client, refused, passkey.userId);
    const user = await em.findOne(User, { id: passkey.userId });
    if (!user)
      throw await this.fail(
        address,
        client,
        rejected('unknown-credential', 'This passkey is not registered here'),
      );
    if (user.disabled) throw Errors.forbidden('This account is disabled');
    return user;
  }

  private async fail(
    address: string,
    client: ClientInfo,
    error: GraphQLError,
    userId?: string,
  ): Promise<GraphQLError> {
    await this.limits.failures.take(address).catch(() => {});
    await this.audit.record({
      type: AuditEventType.LOGIN_FAILED,
      subjectId: userId,
      ip: client.ip,
      details: { via: 'passkey', reason: error.extensions.reason ?? error.extensions.code },
    });
    return error;
  }
}
