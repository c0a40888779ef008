import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ErrorCodes, Errors, parseInput } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo, SessionService } from '../session/session.service.js';
import type { KeyService } from '../signing-key/signing-key.service.js';
import { User } from '../user/user.entity.js';
import type { NewUser, UserService } from '../user/user.service.js';
import { loginInput, registerInput } from './auth.schema.js';
import type { LoginGate, LoginThrottle } from './login-throttle.js';
import { burnVerify, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export type { ClientInfo };

export interface AuthOptions {
  refreshTtlDays: number;
  /** REQUIRE_EMAIL_VERIFICATION: unconfirmed accounts are refused at sign-in with EMAIL_NOT_VERIFIED. */
  requireEmailVerification: boolean;
}

/** What happens after a new account is stored: identity's account module emails its verification link. */
export type OnRegistered = (user: User, client: ClientInfo) => Promise<void>;

/** The second step of sign-in (identity's two-factor module): refuses with a challenge, or lets it on. */
export interface SecondFactor {
  gate(user: User): Promise<void>;
  complete(input: unknown, client: ClientInfo): Promise<User>;
  /** An enrolment challenge's first code: TOTP turned on, and the account that may now sign in. */
  completeEnrolment(input: unknown, client: ClientInfo): Promise<{ user: User; codes: string[] }>;
}

/** `completeTwoFactorEnrolment`: the new session, and the recovery codes shown this once. */
export interface EnrolledSession {
  session: Session;
  recoveryCodes: string[];
}

/** A closed gate's answer: a lock for this address, or a wait for everyone. */
export const refusal = (gate: Exclude<LoginGate, { kind: 'open' }>) =>
  gate.kind === 'locked' ? Errors.accountLocked(gate.retryAfter) : Errors.rateLimited(gate.retryAfter);

/** Generic on purpose: the answer must not reveal whether the account exists. */
const INVALID_LOGIN = 'Invalid login or password';
const SESSION_ENDED = 'This session has ended (signed out or revoked); sign in again';
const ACCOUNT_DISABLED = 'This account is disabled';
const VERIFY_FIRST = 'Confirm your email address first: follow the link we sent to it (or ask for another)';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export class AuthService {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UserService,
    private readonly keys: KeyService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly options: AuthOptions,
    private readonly secondFactor: SecondFactor,
    private readonly onRegistered: OnRegistered = async () => {},
  ) {}

  /**
   * With REQUIRE_EMAIL_VERIFICATION the account is made and its link sent, but it is not signed in:
   * the answer is EMAIL_NOT_VERIFIED, as its sign-ins will be until the link is followed.
   */
  async register(input: NewUser, client: ClientInfo = {}): Promise<Session> {
    const user = await this.users.create({ ...parseInput(registerInput, input), role: 'USER' });
    await this.audit.record({
      type: AuditEventType.REGISTERED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
    });
    await this.onRegistered(user, client);
    if (this.options.requireEmailVerification)
      throw ErrorCodes.EMAIL_NOT_VERIFIED.err(
        'Account created: confirm your email address with the link we sent to it, then sign in',
      );
    return this.startSession(user, randomUUID(), client);
  }

  async login(login: string, password: string, client: ClientInfo = {}): Promise<Session> {
    parseInput(loginInput, { login, password });
    const user = await this.users.findByLogin(login);
    const subject = this.throttle.subject(user?.id, login);
    const ip = client.ip ?? undefined;
    const gate = await this.throttle.gate(subject, ip);
    if (gate.kind !== 'open') throw refusal(gate);

    const ok = user ? await verifyPassword(user.passwordHash, password) : await burnVerify(password);
    if (!user || !ok) {
      const after = await this.throttle.fail(subject, ip);
      await this.audit.record({
        type: AuditEventType.LOGIN_FAILED,
        subjectId: user?.id,
        ip: client.ip,
        details: { login: login.slice(0, 254) },
      });
      if (after.kind === 'locked') {
        await this.audit.record({
          type: AuditEventType.ACCOUNT_LOCKED,
          subjectId: user?.id,
          ip: client.ip,
          details: { login: login.slice(0, 254) },
        });
      }
      if (after.kind !== 'open') throw refusal(after);
      throw Errors.unauthenticated(INVALID_LOGIN);
    }
    if (user.disabled) throw Errors.forbidden('This account is disabled');
    await this.throttle.succeed(subject, ip);
    // Only now, with the password proven: the answer says nothing to someone who does not have it.
    this.checkVerified(user);
    await this.secondFactor.gate(user);
    return this.signIn(user, client);
  }

  /** `completeTwoFactorLogin`: a challenge from `login` and a right code make the session. */
  async completeTwoFactor(input: unknown, client: ClientInfo = {}): Promise<Session> {
    return this.finishSignIn(this.secondFactor.complete(input, client), client);
  }

  /** Any step that proved the person (a second factor, a passkey alone): under the same checks, signed in. */
  async finishSignIn(proven: Promise<User>, client: ClientInfo = {}): Promise<Session> {
    const user = await proven;
    this.checkVerified(user);
    return this.signIn(user, client);
  }

  /**
   * `completeTwoFactorEnrolment`: the sign-in an ADMIN's TWO_FACTOR_ENROLMENT_REQUIRED paused ends
   * here, once its challenge has enrolled an app and the first code turned it on.
   */
  async completeEnrolment(input: unknown, client: ClientInfo = {}): Promise<EnrolledSession> {
    const { user, codes } = await this.secondFactor.completeEnrolment(input, client);
    this.checkVerified(user);
    return { session: await this.signIn(user, client, { enrolled: 'totp' }), recoveryCodes: codes };
  }

  /**
   * A sign-in whose first factor was proven elsewhere (an OpenID Connect provider): the same checks and
   * second step as after a right password. `via` is kept in the audit entry.
   */
  async signInProven(user: User, via: string, client: ClientInfo = {}): Promise<Session> {
    if (user.disabled) throw Errors.forbidden(ACCOUNT_DISABLED);
    this.checkVerified(user);
    await this.secondFactor.gate(user);
    return this.signIn(user, client, { via });
  }

  /** The last step of every sign-in (password, or password then second factor): a new session. */
  async signIn(user: User, client: ClientInfo = {}, details?: Record<string, unknown>): Promise<Session> {
    await this.orm.em.fork().nativeUpdate(User, { id: user.id }, { lastLoginAt: new Date() });
    await this.audit.record({
      type: AuditEventType.LOGIN_SUCCEEDED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
      details,
    });
    return this.startSession(user, randomUUID(), client);
  }

  private checkVerified(user: User): void {
    if (this.options.requireEmailVerification && !user.emailVerifiedAt)
      throw ErrorCodes.EMAIL_NOT_VERIFIED.err(VERIFY_FIRST);
  }

  /**
   * Spends a refresh token and issues its successor. The spend is one conditional UPDATE, so two
   * racing uses of the same token cannot both win; the loser is treated as reuse. A token that was
   * revoked without being spent (logout, disable, its family ended) is not reuse: the caller is told
   * the session ended, and nothing is audited.
   */
  async refresh(token: string, client: ClientInfo = {}): Promise<Session> {
    const em = this.orm.em.fork();
    const row = await em.findOne(RefreshToken, { tokenHash: sha256(token) });
    if (!row || row.expiresAt < new Date()) throw Errors.unauthenticated('Invalid refresh token');
    const user = await this.users.findById(row.userId);
    if (!user) throw Errors.unauthenticated('Invalid refresh token');
    if (user.disabled) throw Errors.unauthenticated(ACCOUNT_DISABLED);
    this.checkVerified(user);
    const spent = await em.nativeUpdate(
      RefreshToken,
      { id: row.id, usedAt: null, revokedAt: null },
      { usedAt: new Date() },
    );
    if (spent === 0) {
      // Read again: a racing use may have spent it since the first read.
      const now = await this.orm.em.fork().findOne(RefreshToken, { id: row.id });
      if (!now?.usedAt) throw Errors.unauthenticated(SESSION_ENDED);
      await this.sessions.end(row.userId, row.familyId);
      await this.audit.record({
        type: AuditEventType.REFRESH_TOKEN_REUSED,
        subjectId: row.userId,
        ip: client.ip,
        details: { familyId: row.familyId },
      });
      throw Errors.unauthenticated('Refresh token already used; every session of this login was ended');
    }
    return this.startSession(user, row.familyId, client);
  }

  /** Ends the login the token belongs to, its access tokens included. False when the token is unknown. */
  async logout(token: string, client: ClientInfo = {}): Promise<boolean> {
    const row = await this.orm.em.fork().findOne(RefreshToken, { tokenHash: sha256(token) });
    if (!row) return false;
    await this.sessions.end(row.userId, row.familyId);
    await this.audit.record({
      type: AuditEventType.LOGOUT,
      actorId: row.userId,
      subjectId: row.userId,
      ip: client.ip,
    });
    return true;
  }

  private async startSession(user: User, familyId: string, client: ClientInfo): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const em = this.orm.em.fork();
    em.create(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.options.refreshTtlDays * 86_400_000),
      createdAt: new Date(),
    });
    await em.flush();
    await this.sessions.record(user.id, familyId, client);
    const access = await this.keys.signAccessToken(user, { sessionId: familyId });
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, user };
  }
}
