import type { Redis } from 'ioredis';

/**
 * Tells the gateway that tokens already issued are no longer good. Access tokens are stateless,
 * so after a role change or a disable the gateway refuses tokens of that user issued before now
 * (`auth:nbf:<id>`, kept as long as a token can live), and drops cached API-key exchanges.
 */
export class Revocations {
  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  async user(userId: string): Promise<void> {
    // `iat` has one-second resolution: rounding up also catches tokens issued earlier in this second.
    const notBefore = Math.floor(Date.now() / 1000) + 1;
    await this.redis.set(`auth:nbf:${userId}`, String(notBefore), 'EX', this.accessTokenTtlSeconds + 60);
    await this.redis.publish(this.channel, JSON.stringify({ type: 'user', userId }));
  }

  async apiKey(apiKeyId: string): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ type: 'apiKey', apiKeyId }));
  }
}
