import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sha256 } from '../auth/auth.service.js';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';

/** Why a presented token was refused, for the audit log (the caller is told only that it was). */
export type TokenRefusal = 'unknown' | 'used' | 'expired';

/** One-time tokens for emailed links: issued, then spent once by one conditional UPDATE. */
export class AccountTokens {
  constructor(private readonly orm: MikroORM) {}

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
