import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Limit } from '@trae/kit';
import { Errors, type Principal, parseInput } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import type { UserService } from '../user/user.service.js';
import { resendVerificationInput, verifyEmailInput } from './account.schema.js';
import { accountLink, nameOf, verifyEmailMail } from './account-mail.js';
import { type AccountTokens, followLink } from './account-tokens.js';
import type { MailLimiter } from './mail-limiter.js';
import type { Outbox } from './outbox.js';

export interface VerificationOptions {
  /** GATEWAY_URL: the public address the dashboard's `/verify-email` page is served at. */
  publicUrl: string;
  ttlMinutes: number;
}

const BAD_LINK = 'This verification link is invalid, already used or expired; ask for a new one';

/** Proving an address: on sign-up, on an email change (`pendingEmail`), and on request. */
export class VerificationService {
  constructor(
    private readonly users: UserService,
    readonly tokens: AccountTokens,
    private readonly outbox: Outbox,
    private readonly limiter: MailLimiter,
    readonly failures: Limit,
    readonly audit: AuditService,
    private readonly options: VerificationOptions,
  ) {}

  /** Emails `email` a link that, followed, makes it the user's verified address. */
  async send(user: User, email: string, client: ClientInfo = {}): Promise<void> {
    const token = await this.tokens.issue(
      user.id,
      'EMAIL_VERIFICATION',
      email,
      this.options.ttlMinutes * 60_000,
    );
    const link = accountLink(this.options.publicUrl, '/verify-email', token);
    await this.outbox.send(
      verifyEmailMail(email, { name: nameOf(user), link, minutes: this.options.ttlMinutes }),
    );
    await this.audit.record({
      type: AuditEventType.EMAIL_VERIFICATION_SENT,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: { to: email },
    });
  }

  /** Follows a link: the address is verified, and becomes the account's email if it was a change. */
  async verify(token: string, client: ClientInfo = {}): Promise<User> {
    parseInput(verifyEmailInput, { token });
    const { em, user, row } = await followLink(
      this,
      {
        purpose: 'EMAIL_VERIFICATION',
        token,
        failed: AuditEventType.EMAIL_VERIFICATION_FAILED,
        message: BAD_LINK,
      },
      client,
      // A change asked for later replaces this one: only the latest pending address may be confirmed.
      (u, r) => (r.email === u.email || r.email === u.pendingEmail ? null : 'superseded'),
    );
    const from = user.email;
    user.email = row.email;
    if (user.pendingEmail === row.email) user.pendingEmail = null;
    user.emailVerifiedAt = new Date();
    this.users.changed(em, user.id, 'email');
    try {
      await em.flush();
    } catch (err) {
      // The owner of the mailbox learns it has an account here already, which they can know anyway.
      if (err instanceof UniqueConstraintViolationException)
        throw Errors.conflict('That email address belongs to another account', 'email');
      throw err;
    }
    await this.audit.record({
      type: from === user.email ? AuditEventType.EMAIL_VERIFIED : AuditEventType.EMAIL_CHANGED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details: from === user.email ? { email: from } : { from, to: user.email },
    });
    return user;
  }

  /**
   * Signed in: sends the link again for the pending change, or the unverified email. Anonymous (a
   * person who cannot sign in yet): for `email`, with the same answer whether or not it has an account.
   */
  async resend(
    caller: Principal,
    email: string | null | undefined,
    client: ClientInfo = {},
  ): Promise<boolean> {
    const input = parseInput(resendVerificationInput, { email });
    if (caller.id) {
      const user = await this.users.findById(caller.id);
      const target = user?.pendingEmail ?? (user && !user.emailVerifiedAt ? user.email : null);
      if (!user || !target) return true;
      await this.limiter.take(client.ip, target);
      await this.send(user, target, client);
      return true;
    }
    if (!input.email) throw Errors.badInput('email', 'email: is required when not signed in');
    const address = input.email;
    await this.limiter.take(client.ip, address);
    this.outbox.later(async () => {
      const user = await this.users.findByEmail(address);
      if (user && !user.disabled && !user.emailVerifiedAt) await this.send(user, user.email, client);
    });
    return true;
  }
}
