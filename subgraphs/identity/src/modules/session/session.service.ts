import type { MikroORM } from '@mikro-orm/postgresql';
import { type ConnectionShape, Errors, isUuid, newestFirstPage, type Principal, pageSize } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import type { Revocations } from '../auth/revocations.js';
import { UserSession } from './session.entity.js';

/** Where a request came from, as far as identity can tell (the gateway vouches for the address). */
export interface ClientInfo {
  /** The client's address as the gateway vouched for it (kit trusted-caller). */
  ip?: string | null;
  /** Descriptive only: names the device in the session list. */
  userAgent?: string | null;
}

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * Sessions are refresh-token families with a row each, so a person can see where they are signed in
 * and end any of them. Ending one revokes its refresh tokens (the next refresh is refused) and marks
 * its access tokens revoked everywhere (kit revocation), so it stops at once, not at token expiry.
 */
export class SessionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly revocations: Revocations,
    private readonly audit: AuditService,
    private readonly refreshTtlDays: number,
  ) {}

  /** A sign-in (a new session) or a refresh (it was just used, perhaps from a new address). */
  async record(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into sessions (id, user_id, user_agent, ip) values (?, ?, ?, ?)
         on conflict (id) do update set last_used_at = now(), user_agent = excluded.user_agent, ip = excluded.ip`,
        [sessionId, userId, clip(client.userAgent, 512), clip(client.ip, 64)],
      );
  }

  /** The caller's live sessions, newest first. Families whose last token has expired are over. */
  list(
    userId: string,
    page: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<UserSession>> {
    const where = { userId, endedAt: null, lastUsedAt: { $gt: this.oldestLive() } };
    return newestFirstPage(this.orm.em.fork(), UserSession, where, page.after, pageSize(page.first));
  }

  /** Ends one session of the user; false when it is not theirs or already over (nothing to tell). */
  async end(userId: string, sessionId: string): Promise<boolean> {
    if (!isUuid(sessionId)) throw Errors.badInput('id', 'id: must be a session id');
    const em = this.orm.em.fork();
    const ended = await em.nativeUpdate(
      UserSession,
      { id: sessionId, userId, endedAt: null },
      { endedAt: new Date() },
    );
    const revoked = await em.nativeUpdate(
      RefreshToken,
      { userId, familyId: sessionId, revokedAt: null },
      { revokedAt: new Date() },
    );
    // Only a session of this user's is marked: the mark is keyed by the session id alone.
    if (ended + revoked > 0) await this.revocations.session(userId, sessionId);
    return ended > 0;
  }

  /**
   * Ends every session of the user but `keep` (the caller's own, on a password change). Without `keep`
   * every token issued to the user so far is revoked in one mark, API-key tokens included (the keys
   * themselves stay valid and mint new ones).
   */
  async endAll(userId: string, keep?: string): Promise<number> {
    const em = this.orm.em.fork();
    const others = keep ? { id: { $ne: keep } } : {};
    const live = await em.find(UserSession, { userId, endedAt: null, ...others }, { fields: ['id'] });
    await em.nativeUpdate(UserSession, { userId, endedAt: null, ...others }, { endedAt: new Date() });
    await em.nativeUpdate(
      RefreshToken,
      { userId, revokedAt: null, ...(keep ? { familyId: { $ne: keep } } : {}) },
      { revokedAt: new Date() },
    );
    if (!keep) await this.revocations.user(userId);
    else for (const session of live) await this.revocations.session(userId, session.id);
    return live.length;
  }

  /** `revokeSession`: one of the caller's own sessions; another's (or an unknown id) is NOT_FOUND. */
  async revoke(caller: Principal, sessionId: string, client: ClientInfo = {}): Promise<boolean> {
    const userId = signedIn(caller);
    if (!(await this.end(userId, sessionId))) throw Errors.notFound('Session');
    await this.audit.record({
      type: AuditEventType.SESSION_REVOKED,
      actorId: userId,
      subjectId: userId,
      ip: client.ip,
      details: { sessionId },
    });
    return true;
  }

  /** `signOutEverywhere`: every session, this one included, and every access token issued so far. */
  async signOutEverywhere(caller: Principal, client: ClientInfo = {}): Promise<boolean> {
    const userId = signedIn(caller);
    const ended = await this.endAll(userId);
    await this.audit.record({
      type: AuditEventType.SIGNED_OUT_EVERYWHERE,
      actorId: userId,
      subjectId: userId,
      ip: client.ip,
      details: { sessionsEnded: ended },
    });
    return true;
  }

  private oldestLive(): Date {
    return new Date(Date.now() - this.refreshTtlDays * 86_400_000);
  }
}

function signedIn(caller: Principal): string {
  if (!caller.id) throw Errors.unauthenticated();
  return caller.id;
}
