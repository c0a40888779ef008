import { randomInt } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Limit } from '@trae/kit';
import { ErrorCodes, Errors, GUEST, type Principal, parseInput } from '@trae/kit';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { Passkey } from '../passkey/passkey.entity.js';
import type { ClientInfo } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import type { ChallengePurpose, Challenges } from './challenges.js';
import { RecoveryCode } from './recovery-code.entity.js';
import type { SecretBox } from './secret-box.js';
import { UserTotp } from './totp.entity.js';
import {
  challengeInput,
  codeInput,
  completeEnrolmentInput,
  completeInput,
  confirmInput,
} from './two-factor.schema.js';
import type { RecoveryCodes, TotpEnrolment, TwoFactorStatus } from './two-factor.types.js';

export interface TwoFactorOptions {
  issuer: string;
  /** REQUIRE_2FA_FOR_ADMINS */
  requireForAdmins: boolean;
}

const RECOVERY_CODES = 10;
/** No 0/o, 1/l/i: codes are read off paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const WRONG_CODE = 'That code is not right (or was used already)';

/** TOTP (RFC 6238, otplib) with recovery codes, and the sign-in step that asks for them. */
export class TwoFactorService {
  constructor(
    private readonly orm: MikroORM,
    private readonly box: SecretBox,
    private readonly challenges: Challenges,
    private readonly failures: Limit,
    private readonly audit: AuditService,
    private readonly options: TwoFactorOptions,
  ) {}

  /** After the password: refuses with the challenge the account's second step needs, if any. */
  async gate(user: User): Promise<void> {
    const em = this.orm.em.fork();
    const totp = await em.findOne(UserTotp, { userId: user.id });
    const challenge = async (purpose: ChallengePurpose) => ({
      challengeToken: await this.challenges.issue(user.id, purpose),
      expiresIn: this.challenges.expiresIn,
    });
    if (totp?.confirmedAt) {
      const passkeys = await em.count(Passkey, { userId: user.id });
      throw ErrorCodes.TWO_FACTOR_REQUIRED.err('Enter the code from your authenticator app', {
        ...(await challenge('login')),
        methods: ['TOTP', 'RECOVERY_CODE', ...(passkeys > 0 ? ['PASSKEY'] : [])],
      });
    }
    if (this.options.requireForAdmins && user.role === 'ADMIN')
      throw ErrorCodes.TWO_FACTOR_ENROLMENT_REQUIRED.err(
        'Admins must turn on two-factor sign-in: enrol an authenticator app with this challenge to finish signing in',
        await challenge('enrol'),
      );
  }

  /** The second step of a sign-in: the user whose challenge a right code completed. */
  async complete(input: unknown, client: ClientInfo = {}): Promise<User> {
    const { challengeToken, code } = parseInput(completeInput, input);
    const userId = await this.challenges.find(challengeToken, 'login');
    if (!userId) throw Errors.unauthenticated('This sign-in has expired or ended; sign in again');
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user || user.disabled)
      throw Errors.unauthenticated('This sign-in has expired or ended; sign in again');
    if (!(await this.check(em, user.id, code, client))) {
      await this.challenges.fail(challengeToken);
      throw Errors.badInput('code', WRONG_CODE);
    }
    if (!(await this.challenges.spend(challengeToken)))
      throw Errors.unauthenticated('This sign-in has expired or ended; sign in again');
    return user;
  }

  async enrol(caller: Principal, challengeToken: string | null | undefined): Promise<TotpEnrolment> {
    const input = parseInput(challengeInput, { challengeToken });
    const em = this.orm.em.fork();
    const user = await this.owner(em, caller, input.challengeToken);
    const existing = await em.findOne(UserTotp, { userId: user.id });
    if (existing?.confirmedAt) throw Errors.conflict('Two-factor sign-in is on already; turn it off first');
    const secret = generateSecret();
    const sealed = this.box.seal(secret);
    if (existing) existing.secretBox = sealed;
    else em.create(UserTotp, { userId: user.id, secretBox: sealed, createdAt: new Date() });
    await em.flush();
    const otpauthUri = generateURI({ issuer: this.options.issuer, label: user.email, secret });
    return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri) };
  }

  /** The app's first code turns 2FA on and returns the recovery codes, this once. */
  async confirm(caller: Principal, input: unknown, client: ClientInfo = {}): Promise<RecoveryCodes> {
    const { code, challengeToken } = parseInput(confirmInput, input);
    const em = this.orm.em.fork();
    const user = await this.owner(em, caller, challengeToken);
    const codes = await this.turnOn(em, user, code, challengeToken, client);
    return { codes };
  }

  /**
   * `completeTwoFactorEnrolment`: the enrolment challenge's first code turns TOTP on and spends the
   * challenge, and the sign-in it paused goes on (auth.service.ts makes the session).
   */
  async completeEnrolment(input: unknown, client: ClientInfo = {}): Promise<{ user: User; codes: string[] }> {
    const { code, challengeToken } = parseInput(completeEnrolmentInput, input);
    const em = this.orm.em.fork();
    const user = await this.owner(em, GUEST, challengeToken);
    if (user.disabled) throw Errors.unauthenticated('This sign-in has expired or ended; sign in again');
    return { user, codes: await this.turnOn(em, user, code, challengeToken, client) };
  }

  /** Needs a current code; an ADMIN cannot while REQUIRE_2FA_FOR_ADMINS is on. */
  async disable(caller: Principal, code: string, client: ClientInfo = {}): Promise<boolean> {
    const input = parseInput(codeInput, { code });
    const em = this.orm.em.fork();
    const user = await this.owner(em, caller, null);
    if (this.options.requireForAdmins && user.role === 'ADMIN')
      throw Errors.forbidden('Admins must keep two-factor sign-in on here (REQUIRE_2FA_FOR_ADMINS)');
    await this.enabled(em, user.id);
    if (!(await this.check(em, user.id, input.code, client))) throw Errors.badInput('code', WRONG_CODE);
    await em.nativeDelete(UserTotp, { userId: user.id });
    await em.nativeDelete(RecoveryCode, { userId: user.id });
    // Passkeys stand in for the app's code (passkey.service.ts): with it off they would be a bypass.
    await em.nativeDelete(Passkey, { userId: user.id });
    await this.audit.record({
      type: AuditEventType.TWO_FACTOR_DISABLED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
    });
    return true;
  }

  /** New recovery codes (a current code needed); the old ones stop working. */
  async regenerate(caller: Principal, code: string, client: ClientInfo = {}): Promise<RecoveryCodes> {
    const input = parseInput(codeInput, { code });
    const em = this.orm.em.fork();
    const user = await this.owner(em, caller, null);
    await this.enabled(em, user.id);
    if (!(await this.check(em, user.id, input.code, client))) throw Errors.badInput('code', WRONG_CODE);
    const codes = await this.newCodes(em, user.id);
    await em.flush();
    await this.audit.record({
      type: AuditEventType.RECOVERY_CODES_REGENERATED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
    });
    return { codes };
  }

  async status(userId: string): Promise<TwoFactorStatus> {
    const em = this.orm.em.fork();
    const totp = await em.findOne(UserTotp, { userId });
    const left = await em.count(RecoveryCode, { userId, usedAt: null });
    return { enabled: Boolean(totp?.confirmedAt), recoveryCodesLeft: totp?.confirmedAt ? left : 0 };
  }

  /** Confirms a pending enrolment with its first code; a challenge's wrong codes count towards its end. */
  private async turnOn(
    em: EntityManager,
    user: User,
    code: string,
    challengeToken: string | null | undefined,
    client: ClientInfo,
  ): Promise<string[]> {
    const totp = await em.findOne(UserTotp, { userId: user.id });
    if (!totp || totp.confirmedAt) throw Errors.conflict('Nothing to confirm: call enrolTotp first');
    await this.failures.check(user.id);
    const step = await this.totpStep(totp, code);
    if (step === null) {
      await this.wrong(user.id, 'totp', client);
      if (challengeToken) await this.challenges.fail(challengeToken);
      throw Errors.badInput('code', WRONG_CODE);
    }
    // Spent before anything is turned on: of two racing confirmations with one challenge, one wins.
    if (challengeToken && !(await this.challenges.spend(challengeToken)))
      throw Errors.unauthenticated('This enrolment has expired; sign in again');
    totp.confirmedAt = new Date();
    totp.lastTimeStep = step;
    const codes = await this.newCodes(em, user.id);
    await em.flush();
    await this.audit.record({
      type: AuditEventType.TWO_FACTOR_ENABLED,
      actorId: user.id,
      subjectId: user.id,
      ip: client.ip,
    });
    return codes;
  }

  /** A TOTP or recovery code of an enrolled account; each wrong one is counted, audited, limited. */
  private async check(em: EntityManager, userId: string, code: string, client: ClientInfo): Promise<boolean> {
    await this.failures.check(userId);
    if (/^\d{6}$/.test(code)) {
      const totp = await em.findOne(UserTotp, { userId, confirmedAt: { $ne: null } });
      const step = totp ? await this.totpStep(totp, code) : null;
      // One conditional UPDATE: of two requests with the same code, only one moves the step on.
      const accepted =
        step !== null &&
        (await em.nativeUpdate(
          UserTotp,
          { userId, $or: [{ lastTimeStep: null }, { lastTimeStep: { $lt: step } }] },
          { lastTimeStep: step },
        )) === 1;
      if (!accepted) await this.wrong(userId, 'totp', client);
      return accepted;
    }
    const used = await em.nativeUpdate(
      RecoveryCode,
      { userId, codeHash: this.box.hash(code), usedAt: null },
      { usedAt: new Date() },
    );
    if (used === 0) {
      await this.wrong(userId, 'recovery', client);
      return false;
    }
    await this.audit.record({
      type: AuditEventType.RECOVERY_CODE_USED,
      actorId: userId,
      subjectId: userId,
      ip: client.ip,
    });
    return true;
  }

  /** The time step a code is right for, one step of clock drift allowed; null when wrong or replayed. */
  private async totpStep(totp: UserTotp, code: string): Promise<number | null> {
    const result = await verify({
      secret: this.box.open(totp.secretBox),
      token: code,
      epochTolerance: 30,
      ...(totp.lastTimeStep != null && { afterTimeStep: Number(totp.lastTimeStep) }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async wrong(userId: string, kind: 'totp' | 'recovery', client: ClientInfo): Promise<void> {
    await this.failures.take(userId).catch(() => {});
    await this.audit.record({
      type: AuditEventType.TWO_FACTOR_FAILED,
      subjectId: userId,
      ip: client.ip,
      details: { kind },
    });
  }

  /** Replaces the account's recovery codes (in `em`, flushed by the caller) and returns them in clear. */
  private async newCodes(em: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await em.nativeDelete(RecoveryCode, { userId });
    for (const code of codes)
      em.create(RecoveryCode, {
        userId,
        codeHash: this.box.hash(code.replace('-', '')),
        createdAt: new Date(),
      });
    return codes;
  }

  /** The account being changed: the signed-in person (not an API key), or an enrolment challenge's. */
  private async owner(
    em: EntityManager,
    caller: Principal,
    challengeToken: string | null | undefined,
  ): Promise<User> {
    const userId = challengeToken ? await this.challenges.find(challengeToken, 'enrol') : caller.id;
    if (challengeToken && !userId) throw Errors.unauthenticated('This enrolment has expired; sign in again');
    if (!userId) throw Errors.unauthenticated();
    if (!challengeToken && caller.apiKeyId)
      throw Errors.forbidden('Sign in with your password to change two-factor sign-in');
    const user = await em.findOne(User, { id: userId });
    if (!user) throw Errors.unauthenticated();
    return user;
  }

  private async enabled(em: EntityManager, userId: string): Promise<void> {
    const totp = await em.findOne(UserTotp, { userId });
    if (!totp?.confirmedAt) throw Errors.conflict('Two-factor sign-in is not on');
  }
}
