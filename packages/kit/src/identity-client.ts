import { z } from 'zod';
import { ROLES, type RoleName } from './auth.js';
import { InternalClient } from './internal-client.js';

export interface Authority {
  role: RoleName;
  disabled: boolean;
}

/** Identity's `/internal/users/:id/authority`; a missing or odd field reads as the least authority. */
const authorityBody = z.object({ role: z.enum(ROLES).catch('GUEST'), disabled: z.boolean().catch(true) });

/** Identity's `/internal/users/:id`: who a user is, for a service that writes to them. */
export const userContactBody = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  displayName: z.string().nullish(),
  role: z.enum(ROLES).catch('GUEST'),
  disabled: z.boolean().catch(true),
});
export type UserContact = z.infer<typeof userContactBody>;

/**
 * Asks identity (which owns users) what a user may do right now: their role and whether they are
 * disabled, or null when they no longer exist. Answers are kept `cacheMs`, so a burst of runs of one
 * user costs one request, and a demotion or a disable reaches the next run after at most that long.
 */
export class IdentityClient {
  private readonly cache = new Map<string, { at: number; value: Promise<Authority | null> }>();
  private readonly identity: InternalClient;

  constructor(
    identityUrl: string,
    secret: string,
    private readonly cacheMs = 0,
  ) {
    this.identity = new InternalClient({ service: 'identity', baseUrl: identityUrl, secret });
  }

  authority(userId: string): Promise<Authority | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && now - hit.at < this.cacheMs) return hit.value;
    const value = this.lookup(userId);
    this.cache.set(userId, { at: now, value });
    // A failed lookup is not remembered: the next run asks again.
    value.catch(() => this.cache.delete(userId));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  /** The user's name and email as they are now (never cached: an address may have just changed), or null. */
  contact(userId: string, requestId?: string): Promise<UserContact | null> {
    return this.identity.find(`/internal/users/${encodeURIComponent(userId)}`, userContactBody, {
      requestId,
    });
  }

  private lookup(userId: string): Promise<Authority | null> {
    return this.identity.find(`/internal/users/${encodeURIComponent(userId)}/authority`, authorityBody);
  }
}
