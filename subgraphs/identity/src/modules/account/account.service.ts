import type { MikroORM } from '@mikro-orm/postgresql';
import type { Limit } from '@trae/kit';
import { Errors, type Principal, parseInput } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { refusal } from '../auth/auth.service.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { ClientInfo, SessionService } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import type { UserService } from '../user/user.service.js';
import {
  changePasswordInput,
  passwordResetRequest,
  resetPasswordInput,
  updateProfileInput,
} from './account.schema.js';
import { nameOf, passwordChangedMail, passwordResetMail } from './account-mail.js';
import { type AccountTokens, followLink } from './account-tokens.js';
import type { MailLimiter } from './mail-limiter.js';
import type { Outbox } from './outbox.js';
import type { ResetLinks } from './reset-links.js';
import type { VerificationService } from './verification.service.js';

export interface ProfileChange {
  displayName?: string | null;
  email?: string | null;
  currentPassword?: string | null;
}

const BAD_LINK = 'This reset link is invalid, already used or expired; ask for a new one';

/** What a person does to their own account: password, profile, and a forgotten password. */
export class AccountService {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UserService,
    private readonly sessions: SessionService,
    readonly tokens: AccountTokens,
    private readonly verification: VerificationService,
    private readonly outbox: Outbox,
    private readonly limiter: MailLimiter,
    readonly failures: Limit,
    private readonly throttle: LoginThrottle,
    readonly audit: AuditService,
    private readonly resetLinks: ResetLinks,
  ) {}

  /** Needs the current password; every other session of the account ends (this one stays). */
  async changePassword(caller: Principal, input: unknown, client: ClientInfo = {}): Promise<boolean> {
    const { currentPassword, newPassword } = parseInput(changePasswordInput, input);
    if (caller.apiKeyId) throw Errors.forbidden('Sign in with your password to change it; an API key cannot');
    const em = this.orm.em.fork();
    const user = await this.self(em, caller);
    await this.prove(user, currentPassword, client);
    user.passwordHash = await hashPassword(newPassword);
    await em.flush();
    const ended = await this.sessions.endAll(user.id, caller.sessionId);
    await this.audit.record({
      type: AuditEventType.PASSWORD_CHANGED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: { sessionsEnded: ended },
    });
    this.outbox.later(() => this.outbox.send(passwordChangedMail(user.email, { name: nameOf(user) })));
    return true;
  }

  /** Always true, at once: whether a link was sent (there is an account) is for the mailbox to know. */
  async requestPasswordReset(email: string, client: ClientInfo = {}): Promise<boolean> {
    const input = parseInput(passwordResetRequest, { email });
    await this.limiter.take(client.ip, input.email);
    this.outbox.later(async () => {
      const user = await this.users.findByEmail(input.email);
      if (!user || user.disabled) {
        await this.audit.record({
          type: AuditEventType.PASSWORD_RESET_REQUESTED,
          ip: client.ip,
          details: { email: input.email, sent: false },
        });
        return;
      }
      const link = await this.resetLinks.issue(user, 'email', client);
      const minutes = this.resetLinks.options.ttlMinutes;
      await this.outbox.send(passwordResetMail(user.email, { name: nameOf(user), link, minutes }));
    });
    return true;
  }

  /** Sets the password from a reset link; every session of the account ends, everywhere. */
  async resetPassword(input: unknown, client: ClientInfo = {}): Promise<boolean> {
    const { token, newPassword } = parseInput(resetPasswordInput, input);
    const { em, user, row } = await followLink(
      this,
      { purpose: 'PASSWORD_RESET', token, failed: AuditEventType.PASSWORD_RESET_FAILED, message: BAD_LINK },
      client,
      (u) => (u.disabled ? 'disabled' : null),
    );
    user.passwordHash = await hashPassword(newPassword);
    // The link reached the inbox, which is what verifying an address proves.
    if (row.email === user.email) user.emailVerifiedAt ??= new Date();
    await em.flush();
    await this.sessions.endAll(user.id);
    await this.audit.record({ type: AuditEventType.PASSWORD_RESET, subjectId: user.id, ip: client.ip });
    return true;
  }

  /**
   * The display name changes at once. A new email is only pending: it needs the current password, and
   * replaces the old one when the link sent to it is followed, so a stolen session cannot quietly move
   * the account to another inbox. Whether another account has that address is not said here.
   */
  async updateProfile(caller: Principal, input: ProfileChange, client: ClientInfo = {}): Promise<User> {
    const change = parseInput(updateProfileInput, input);
    const em = this.orm.em.fork();
    const user = await this.self(em, caller);
    const fields: string[] = [];
    if (change.displayName !== undefined && change.displayName !== user.displayName) {
      user.displayName = change.displayName;
      fields.push('displayName');
    }
    let verify: string | undefined;
    const email = change.email?.toLowerCase();
    if (email && email !== user.email && email !== user.pendingEmail) {
      if (!change.currentPassword)
        throw Errors.badInput('currentPassword', 'currentPassword: is required to change the email address');
      await this.prove(user, change.currentPassword, client);
      user.pendingEmail = verify = email;
      fields.push('pendingEmail');
    } else if (email && email === user.email && user.pendingEmail) {
      user.pendingEmail = null;
      fields.push('pendingEmail');
    }
    if (fields.length === 0) return user;
    if (verify) await this.limiter.take(client.ip, verify);
    // A pending address is not the account's yet: it is announced when its link is followed.
    if (fields.includes('displayName')) this.users.changed(em, user.id, 'profile');
    await em.flush();
    await this.audit.record({
      type: AuditEventType.PROFILE_UPDATED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: { fields },
    });
    if (verify) await this.verification.send(user, verify, client);
    return user;
  }

  private async self(em: ReturnType<MikroORM['em']['fork']>, caller: Principal): Promise<User> {
    const user = caller.id ? await em.findOne(User, { id: caller.id }, { populate: ['passwordHash'] }) : null;
    if (!user) throw Errors.unauthenticated();
    return user;
  }

  /** The current password, under the login throttle: guessing it here is no easier than at sign-in. */
  private async prove(user: User, password: string, client: ClientInfo): Promise<void> {
    const ip = client.ip ?? undefined;
    const gate = await this.throttle.gate(user.id, ip);
    if (gate.kind !== 'open') throw refusal(gate);
    if (await verifyPassword(user.passwordHash, password)) {
      await this.throttle.succeed(user.id, ip);
      return;
    }
    const after = await this.throttle.fail(user.id, ip);
    await this.audit.record({
      type: AuditEventType.PASSWORD_CHANGE_FAILED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
    });
    if (after.kind !== 'open') throw refusal(after);
    throw Errors.badInput('currentPassword', 'currentPassword: is not your current password');
  }
}
