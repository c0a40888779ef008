import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Errors } from '@trae/kit';
import type { GraphQLError } from 'graphql';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import type { UserService } from '../user/user.service.js';
import { LinkedIdentity } from './linked-identity.entity.js';
import type { OidcProviderConfig } from './oidc.config.js';
import { mappedRole } from './oidc-roles.js';

/** The claims of the ID token and the userinfo answer, both verified by openid-client. */
export type Claims = Record<string, unknown> & { sub: string };

/** A refusal the callback reports: its code and words, and the reason the audit keeps. */
export class OidcRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly error: GraphQLError,
  ) {
    super(error.message);
  }
}

const usernameBase = (claims: Claims, email: string) => {
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : '';
  const base = (preferred || email.split('@')[0]).replace(/[^A-Za-z0-9._-]/g, '').slice(0, 27);
  return base.length >= 3 ? base : `user-${base}`;
};

/** Which of our users a provider account is: linked already, linked now on request, or new. */
export class OidcAccounts {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  /** The user a provider sign-in is: the one its account is linked to, or a new one. */
  async resolve(provider: OidcProviderConfig, claims: Claims, client: ClientInfo): Promise<User> {
    const em = this.orm.em.fork();
    const linked = await em.findOne(LinkedIdentity, { provider: provider.id, subject: claims.sub });
    const userId = linked ? linked.userId : (await this.create(provider, claims, client)).id;
    await em.nativeUpdate(
      LinkedIdentity,
      { provider: provider.id, subject: claims.sub },
      { lastUsedAt: new Date() },
    );
    const role = mappedRole(provider, claims);
    if (role) await this.users.syncRole(userId, role, { via: `oidc:${provider.id}` });
    const user = await this.users.findById(userId);
    if (!user) throw new OidcRefusal('no-user', Errors.unauthenticated('This account no longer exists'));
    return user;
  }

  /** The owner, signed in, confirmed: links the provider account to them (unless someone has it). */
  async link(
    provider: OidcProviderConfig,
    account: { subject: string; email: string | null },
    userId: string,
    client: ClientInfo,
  ): Promise<void> {
    const em = this.orm.em.fork();
    const linked = await em.findOne(LinkedIdentity, { provider: provider.id, subject: account.subject });
    if (linked?.userId === userId) return;
    if (linked) throw Errors.conflict(`This ${provider.name} account is linked to another user already`);
    em.create(LinkedIdentity, {
      provider: provider.id,
      subject: account.subject,
      userId,
      email: account.email?.slice(0, 254) ?? null,
      createdAt: new Date(),
    });
    try {
      await em.flush();
    } catch (err) {
      // Two links of the same provider account at once: the other one won.
      if (err instanceof UniqueConstraintViolationException)
        throw Errors.conflict(`This ${provider.name} account is linked already`);
      throw err;
    }
    await this.audit.record({
      type: AuditEventType.OIDC_LINKED,
      actorId: userId,
      subjectId: userId,
      ip: client.ip,
      details: { provider: provider.id },
    });
  }

  listFor(userId: string): Promise<LinkedIdentity[]> {
    return this.orm.em.fork().find(LinkedIdentity, { userId }, { orderBy: { createdAt: 'asc' } });
  }

  /** False when the user has no link to that provider. A password reset still signs the account in. */
  async unlink(userId: string, provider: string, client: ClientInfo): Promise<boolean> {
    const removed = await this.orm.em.fork().nativeDelete(LinkedIdentity, { userId, provider });
    if (removed === 0) return false;
    await this.audit.record({
      type: AuditEventType.OIDC_UNLINKED,
      actorId: userId,
      subjectId: userId,
      ip: client.ip,
      details: { provider },
    });
    return true;
  }

  /**
   * A first sign-in makes an account only for an address the provider vouches for; one that is taken
   * is never linked here (that needs the owner's consent: signed in, `linkOidcProvider`).
   */
  private async create(provider: OidcProviderConfig, claims: Claims, client: ClientInfo): Promise<User> {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified !== true)
      throw new OidcRefusal(
        'email-unverified',
        Errors.forbidden(
          `${provider.name} has not verified an email address for this account: verify it there, or sign in ` +
            `with your password and link ${provider.name} from your account`,
        ),
      );
    const taken = () =>
      new OidcRefusal(
        'email-taken',
        Errors.conflict(
          `An account with this email exists already: sign in to it, then link ${provider.name} from your account`,
        ),
      );
    if (await this.users.findByEmail(email)) throw taken();
    const base = usernameBase(claims, email);
    for (let attempt = 0; ; attempt += 1) {
      const username = attempt === 0 ? base : `${base}-${randomBytes(2).toString('hex')}`;
      try {
        // Unusable until a password reset sets one: this account signs in through its provider.
        const password = randomBytes(32).toString('base64url');
        const user = await this.users.create({ username, email, password, verified: true });
        await this.describe(user, claims);
        await this.audit.record({
          type: AuditEventType.REGISTERED,
          actorId: user.id,
          subjectId: user.id,
          ip: client.ip,
          details: { via: `oidc:${provider.id}` },
        });
        await this.link(provider, { subject: claims.sub, email }, user.id, client);
        return user;
      } catch (err) {
        const field = (err as GraphQLError).extensions?.field;
        if (field === 'email') throw taken();
        if (field !== 'username' || attempt >= 4) throw err;
      }
    }
  }

  private async describe(user: User, claims: Claims): Promise<void> {
    if (typeof claims.name !== 'string' || !claims.name.trim()) return;
    await this.orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { displayName: claims.name.trim().slice(0, 64) });
  }
}
