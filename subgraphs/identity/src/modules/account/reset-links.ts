import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo } from '../session/session.service.js';
import type { User } from '../user/user.entity.js';
import { accountLink } from './account-mail.js';
import type { AccountTokens } from './account-tokens.js';

export interface ResetLinkOptions {
  /** GATEWAY_URL: the public address the dashboard's `/reset-password` page is served at. */
  publicUrl: string;
  ttlMinutes: number;
}

/** One-time `/reset-password?token=` links: emailed on request, or printed by `npm run admin:reset-password`. */
export class ResetLinks {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly audit: AuditService,
    readonly options: ResetLinkOptions,
  ) {}

  async issue(user: User, via: 'email' | 'cli', client: ClientInfo = {}): Promise<string> {
    const ttl = this.options.ttlMinutes * 60_000;
    const token = await this.tokens.issue(user.id, 'PASSWORD_RESET', user.email, ttl);
    await this.audit.record({
      type: AuditEventType.PASSWORD_RESET_REQUESTED,
      subjectId: user.id,
      ip: client.ip,
      details: { via, sent: via === 'email' },
    });
    return accountLink(this.options.publicUrl, '/reset-password', token);
  }
}
