import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Limit } from '@trae/kit';
import { Errors } from '@trae/kit';
import type { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../auth/auth.service.js';
import type { ClientInfo } from '../session/session.service.js';
import { User } from '../user/user.entity.js';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';

/** Why a presented token was refused, for the audit log (the caller is told only that it was). */
export type TokenRefusal = 'unknown' | 'used' | 'expired';

/** One-time tokens for emailed links: issued, then spent once by one conditional UPDATE. */
export class AccountTokens {
  constructor(private readonly orm: MikroORM) {}

  em(): EntityManager {
    return this.orm.em.fork();
  }

  /** A new token for the link; earlier unspent ones of the same purpose stop working. */
  async issue(userId: string, purpose: AccountTokenPurpose, email: string, ttlMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const em = this.orm.em.fork();
    await em.nativeUpdate(AccountToken, { userId, purpose, usedAt: null }, { usedAt: new Date() });
    em.create(AccountToken, {
      userId,
      purpose,
      email,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ttlMs),
      createdAt: new Date(),
    });
    await em.flush();
    return token;
  }

  /**
   * Spends the token. Two racing uses cannot both win: the UPDATE only matches an unspent row, so the
   * loser reads as used.
   */
  async spend(
    purpose: AccountTokenPurpose,
    token: string,
  ): Promise<{ ok: true; row: AccountToken } | { ok: false; why: TokenRefusal; row?: AccountToken }> {
    const em = this.orm.em.fork();
    const row = await em.findOne(AccountToken, { tokenHash: sha256(token), purpose });
    if (!row) return { ok: false, why: 'unknown' };
    if (row.usedAt) return { ok: false, why: 'used', row };
    if (row.expiresAt < new Date()) return { ok: false, why: 'expired', row };
    const spent = await em.nativeUpdate(AccountToken, { id: row.id, usedAt: null }, { usedAt: new Date() });
    return spent === 1 ? { ok: true, row } : { ok: false, why: 'used', row };
  }
}

export interface LinkCheck {
  tokens: AccountTokens;
  /** Wrong tokens per client address (they are unguessable: many mean someone is probing). */
  failures: Limit;
  audit: AuditService;
}

/**
 * Follows an emailed link: spends its token and loads its user, or refuses with BAD_USER_INPUT naming
 * `token` (one message for unknown, used, expired, or refused by `reject`), counted and audited as `failed`.
 */
export async function followLink(
  { tokens, failures, audit }: LinkCheck,
  link: { purpose: AccountTokenPurpose; token: string; failed: AuditEventType; message: string },
  client: ClientInfo,
  reject: (user: User, row: AccountToken) => string | null = () => null,
): Promise<{ em: EntityManager; user: User; row: AccountToken }> {
  const ip = client.ip || 'unknown';
  await failures.check(ip);
  const spent = await tokens.spend(link.purpose, link.token);
  const em = tokens.em();
  const user = spent.ok ? await em.findOne(User, { id: spent.row.userId }) : null;
  const reason = !spent.ok ? spent.why : !user ? 'unknown' : reject(user, spent.row);
  if (!spent.ok || !user || reason) {
    await failures.take(ip);
    await audit.record({
      type: link.failed,
      subjectId: spent.row?.userId,
      ip: client.ip,
      details: { reason },
    });
    throw Errors.badInput('token', link.message);
  }
  return { em, user, row: spent.row };
}
