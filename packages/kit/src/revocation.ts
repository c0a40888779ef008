import type { Redis } from 'ioredis';
import type { Principal, TokenVerifier } from './auth.js';
import { appError, Errors } from './errors.js';
import type { Logger } from './logger.js';
import { channelName, RedisUnavailable, tryRedis } from './redis.js';

/** Identity announces every revocation on this channel (deployment-prefixed, see `revocationChannel`). */
export const REVOCATION_CHANNEL = 'identity.revocations';

export const revocationChannel = (prefix: string) => channelName(prefix, REVOCATION_CHANNEL);

/**
 * Access tokens are stateless, so identity leaves marks in Redis for as long as a token they cover can
 * live: a per-user "not before" (disable, role change), a per-session mark (logout, refresh-token reuse;
 * the session is the refresh-token family, the token's `sid`) and a per-API-key mark (key revoked).
 */
export const revocationKeys = {
  notBefore: (userId: string) => `auth:nbf:${userId}`,
  session: (sessionId: string) => `auth:revoked:session:${sessionId}`,
  apiKey: (apiKeyId: string) => `auth:revoked:api-key:${apiKeyId}`,
};

export type RevocationEvent =
  | { type: 'user'; userId: string }
  | { type: 'session'; userId: string; sessionId: string }
  | { type: 'apiKey'; apiKeyId: string; userId?: string };

/** Whether `event` ends the credentials of `principal` (a socket opened with them must close). */
export function revokes(event: RevocationEvent, principal: Principal): boolean {
  if (!principal.id) return false;
  if (event.type === 'user') return principal.id === event.userId;
  if (event.type === 'session') return principal.sessionId === event.sessionId;
  return principal.apiKeyId === event.apiKeyId;
}

/** One MGET for every mark that can cover the token, so a request costs one Redis round trip at most. */
export async function isRevoked(redis: Redis, principal: Principal): Promise<boolean> {
  if (!principal.id) return false;
  const keys = [revocationKeys.notBefore(principal.id)];
  if (principal.sessionId) keys.push(revocationKeys.session(principal.sessionId));
  if (principal.apiKeyId) keys.push(revocationKeys.apiKey(principal.apiKeyId));
  const [notBefore, ...marks] = await redis.mget(...keys);
  if (notBefore !== null && (principal.issuedAt ?? 0) < Number(notBefore)) return true;
  return marks.some((mark) => mark !== null);
}

export interface RevocationCheckOptions {
  logger: Logger;
  /**
   * How long after Redis was lost tokens are still accepted on their signature alone; 0 refuses
   * signed-in requests at once (REVOCATION_FAIL_OPEN_SECONDS).
   * @default 30
   */
  failOpenSeconds?: number;
  /** A lookup slower than this counts as Redis unreachable. @default 1000 */
  timeoutMs?: number;
}

/**
 * Revocation lookups that degrade safely. While Redis is unreachable a token is accepted on its
 * signature alone, but only for `failOpenSeconds` counted from when the connection dropped (not from
 * the first request after it); after that signed-in requests get a retryable SERVICE_UNAVAILABLE
 * until Redis answers again. Guests never need Redis. One log line when the degraded mode starts, one
 * when the window closes and one when Redis is back, never one per request.
 */
export class RevocationCheck {
  private closedAt: number | undefined;
  private degradedSince: number | undefined;
  private refusing = false;
  private readonly failOpenMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RevocationCheckOptions,
  ) {
    this.failOpenMs = (options.failOpenSeconds ?? 30) * 1000;
    // ioredis says 'reconnecting' only for a connection it lost, never for one we closed.
    redis.on('reconnecting', () => {
      this.closedAt ??= Date.now();
    });
    redis.on('ready', () => this.restored());
  }

  /** Whether identity revoked the credential; throws SERVICE_UNAVAILABLE once the window is spent. */
  async isRevoked(principal: Principal): Promise<boolean> {
    if (!principal.id) return false;
    try {
      const revoked = await tryRedis(
        this.redis,
        () => isRevoked(this.redis, principal),
        this.options.timeoutMs,
      );
      this.restored();
      return revoked;
    } catch (err) {
      if (!(err instanceof RedisUnavailable)) throw err;
      return this.degraded(err);
    }
  }

  /** A verifier that also refuses revoked tokens: the gateway's edge and every kit service use this one. */
  verifier(verify: TokenVerifier): TokenVerifier {
    return async (token) => {
      const principal = await verify(token);
      if (await this.isRevoked(principal)) throw Errors.unauthenticated('Token revoked');
      return principal;
    };
  }

  private degraded(err: RedisUnavailable): false {
    const now = Date.now();
    if (this.degradedSince === undefined) {
      this.degradedSince = Math.min(this.closedAt ?? now, now);
      this.options.logger.warn(
        { reason: err.message, failOpenSeconds: this.failOpenMs / 1000 },
        'revocation checks unavailable: tokens are accepted on their signature alone for a bounded window',
      );
    }
    if (now - this.degradedSince < this.failOpenMs) return false;
    if (!this.refusing) {
      this.refusing = true;
      this.options.logger.error(
        { unavailableForSeconds: Math.round((now - this.degradedSince) / 1000) },
        'revocation checks still unavailable: signed-in requests are refused until Redis returns',
      );
    }
    throw appError('SERVICE_UNAVAILABLE', 'Credential checks are unavailable; retry shortly', {
      retryAfter: 5,
    });
  }

  private restored(): void {
    this.closedAt = undefined;
    if (this.degradedSince === undefined) return;
    this.options.logger.info(
      { unavailableForSeconds: Math.round((Date.now() - this.degradedSince) / 1000) },
      'revocation checks restored',
    );
    this.degradedSince = undefined;
    this.refusing = false;
  }
}

export interface RevocationWatch {
  /** Bumped on every event and reconnect: a check that raced one can tell and look again. */
  readonly generation: number;
  stop(): Promise<void>;
}

export interface RevocationHandlers {
  onEvent(event: RevocationEvent): void;
  /** The channel reconnected: events sent meanwhile are lost, so re-check whatever was let in. */
  onResync(): void;
}

/** Listens on `subscriber` (a dedicated connection) for revocations; several watches may share one. */
export async function watchRevocations(
  subscriber: Redis,
  channel: string,
  logger: Logger,
  handlers: RevocationHandlers,
): Promise<RevocationWatch> {
  let generation = 0;
  let connectedOnce = subscriber.status === 'ready';
  const onMessage = (ch: string, message: string) => {
    if (ch !== channel) return;
    let event: RevocationEvent;
    try {
      event = JSON.parse(message) as RevocationEvent;
    } catch {
      logger.warn('unreadable revocation message');
      return;
    }
    generation += 1;
    handlers.onEvent(event);
  };
  const onReady = () => {
    generation += 1;
    if (connectedOnce) handlers.onResync();
    connectedOnce = true;
  };
  subscriber.on('message', onMessage);
  subscriber.on('ready', onReady);
  await subscriber.subscribe(channel);
  return {
    get generation() {
      return generation;
    },
    async stop() {
      subscriber.off('message', onMessage);
      subscriber.off('ready', onReady);
    },
  };
}
