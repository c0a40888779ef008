import { type RevocationEvent, revocationKeys } from '@trae/kit';
import type { Redis } from 'ioredis';

/** Extra seconds a mark outlives the tokens it covers, for clock skew between services. */
const MARGIN_S = 60;

/**
 * Tells the gateway and every service that tokens already issued are no longer good. Access tokens
 * are stateless, so each revocation leaves a mark in Redis for as long as a token it covers can live
 * (the kit's `revocationKeys`, checked per request), and is announced on the channel so open sockets
 * close and cached API-key exchanges are dropped at once.
 */
export class Revocations {
  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly ttl: { accessTokenSeconds: number; apiKeyTokenSeconds: number },
  ) {}

  /** Every token of the user issued up to now (disable, role change). */
  async user(userId: string): Promise<void> {
    // `iat` has one-second resolution: rounding up also catches tokens issued earlier in this second.
    const notBefore = Math.floor(Date.now() / 1000) + 1;
    const lifetime = Math.max(this.ttl.accessTokenSeconds, this.ttl.apiKeyTokenSeconds);
    await this.mark(revocationKeys.notBefore(userId), String(notBefore), lifetime);
    await this.announce({ type: 'user', userId });
  }

  /** Every access token of one login (logout, refresh-token reuse). */
  async session(userId: string, sessionId: string): Promise<void> {
    await this.mark(revocationKeys.session(sessionId), '1', this.ttl.accessTokenSeconds);
    await this.announce({ type: 'session', userId, sessionId });
  }

  /** Every token minted for the key. */
  async apiKey(apiKeyId: string, userId: string): Promise<void> {
    await this.mark(revocationKeys.apiKey(apiKeyId), '1', this.ttl.apiKeyTokenSeconds);
    await this.announce({ type: 'apiKey', apiKeyId, userId });
  }

  private async mark(key: string, value: string, lifetimeSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', lifetimeSeconds + MARGIN_S);
  }

  private async announce(event: RevocationEvent): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(event));
  }
}
