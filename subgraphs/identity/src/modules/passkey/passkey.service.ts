import type { MikroORM } from '@mikro-orm/postgresql';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoUint8Array } from '@simplewebauthn/server/helpers';
import { Errors, type Principal, parseInput } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo } from '../session/session.service.js';
import { UserTotp } from '../two-factor/totp.entity.js';
import { User } from '../user/user.entity.js';
import type { Ceremonies } from './ceremonies.js';
import type { RelyingParty } from './passkey.config.js';
import { Passkey } from './passkey.entity.js';
import { passkeyName, registerInput, rejected, staleChallenge, verificationError } from './passkey.schema.js';

/** More would only be a list nobody reads; a lost one is removed and another added. */
const MAX_PASSKEYS = 20;

/**
 * An account's passkeys: registration (options, then the browser's answer verified by
 * @simplewebauthn/server), list, rename, remove. They stand in for the authenticator app's code, so an
 * account registers them once TOTP is on: its recovery codes then cover a lost passkey too.
 */
export class PasskeyService {
  constructor(
    private readonly orm: MikroORM,
    private readonly rp: RelyingParty,
    private readonly ceremonies: Ceremonies,
    private readonly audit: AuditService,
  ) {}

  list(userId: string): Promise<Passkey[]> {
    return this.orm.em.fork().find(Passkey, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** `PublicKeyCredentialCreationOptionsJSON` for the browser's `startRegistration`. */
  async registrationOptions(caller: Principal): Promise<Record<string, unknown>> {
    const user = await this.owner(caller);
    const em = this.orm.em.fork();
    const totp = await em.findOne(UserTotp, { userId: user.id });
    if (!totp?.confirmedAt)
      throw Errors.conflict(
        'Turn on the authenticator app first: its recovery codes cover a lost passkey as well',
      );
    const existing = await em.find(Passkey, { userId: user.id });
    if (existing.length >= MAX_PASSKEYS)
      throw Errors.conflict(`At most ${MAX_PASSKEYS} passkeys: remove one you no longer use`);
    const options = await generateRegistrationOptions({
      rpName: this.rp.name,
      rpID: this.rp.id,
      userName: user.username,
      userDisplayName: user.displayName ?? user.username,
      userID: isoUint8Array.fromUTF8String(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: this.ceremonies.timeoutMs,
    });
    await this.ceremonies.put(`register:${user.id}`, options.challenge);
    return options as unknown as Record<string, unknown>;
  }

  /** Verifies the browser's answer to the last options (once) and keeps the credential. */
  async register(caller: Principal, input: unknown, client: ClientInfo = {}): Promise<Passkey> {
    const { name, response } = parseInput(registerInput, input);
    const user = await this.owner(caller);
    const expectedChallenge = await this.ceremonies.take(`register:${user.id}`);
    if (!expectedChallenge) throw staleChallenge();
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.rp.origins,
      expectedRPID: this.rp.id,
      // A second factor after the password: presence is enough (verification is the authenticator's PIN).
      requireUserVerification: false,
    }).catch((error: unknown) => {
      throw verificationError(error);
    });
    if (!result.verified) throw rejected('signature', 'The authenticator’s answer did not verify');
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    const em = this.orm.em.fork();
    if (await em.count(Passkey, { credentialId: credential.id }))
      throw Errors.conflict('This passkey is registered already');
    const passkey = em.create(Passkey, {
      userId: user.id,
      name,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      multiDevice: credentialDeviceType === 'multiDevice',
      backedUp: credentialBackedUp,
      createdAt: new Date(),
    });
    await em.flush();
    await this.audit.record({
      type: AuditEventType.PASSKEY_ADDED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: { passkeyId: passkey.id, name },
    });
    return passkey;
  }

  async rename(caller: Principal, id: string, name: string): Promise<Passkey> {
    const newName = parseInput(passkeyName, name, 'name');
    const user = await this.owner(caller);
    const em = this.orm.em.fork();
    const passkey = await em.findOne(Passkey, { id, userId: user.id });
    if (!passkey) throw Errors.notFound('Passkey');
    passkey.name = newName;
    await em.flush();
    return passkey;
  }

  async remove(caller: Principal, id: string, client: ClientInfo = {}): Promise<boolean> {
    const user = await this.owner(caller);
    const removed = await this.orm.em.fork().nativeDelete(Passkey, { id, userId: user.id });
    if (removed === 0) throw Errors.notFound('Passkey');
    await this.audit.record({
      type: AuditEventType.PASSKEY_REMOVED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: { passkeyId: id },
    });
    return true;
  }

  /** The signed-in person: an API key may not change how its owner signs in. */
  private async owner(caller: Principal): Promise<User> {
    if (!caller.id) throw Errors.unauthenticated();
    if (caller.apiKeyId) throw Errors.forbidden('Sign in with your password to change your passkeys');
    const user = await this.orm.em.fork().findOne(User, { id: caller.id });
    if (!user) throw Errors.unauthenticated();
    return user;
  }
}
