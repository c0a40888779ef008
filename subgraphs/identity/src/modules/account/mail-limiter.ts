import { Limit } from '@trae/kit';
import type { Redis } from 'ioredis';
import { sha256 } from '../auth/auth.service.js';

export interface MailLimits {
  perAddressPerHour: number;
  perAccountPerHour: number;
}

/**
 * How often account emails (reset and verification links) may be asked for: per client address, so
 * one machine cannot spray mail at many people, and per email address (known or not, so the limit
 * itself reveals nothing), so nobody's inbox can be flooded.
 */
export class MailLimiter {
  private readonly byAddress: Limit;
  private readonly byAccount: Limit;

  constructor(redis: Redis, limits: MailLimits) {
    this.byAddress = new Limit(redis, 'account-mail:ip', limits.perAddressPerHour, 3600);
    this.byAccount = new Limit(redis, 'account-mail:to', limits.perAccountPerHour, 3600);
  }

  /** Counts one request; RATE_LIMITED (with retryAfter) past either limit. */
  async take(ip: string | null | undefined, email: string): Promise<void> {
    await this.byAddress.take(ip || 'unknown');
    await this.byAccount.take(sha256(email.trim().toLowerCase()));
  }
}
