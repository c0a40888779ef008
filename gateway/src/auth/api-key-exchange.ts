import { createHash } from 'node:crypto';
import {
  Errors,
  errorCode,
  InternalClient,
  type Logger,
  type Redis,
  type RevocationEvent,
  type RevocationWatch,
  watchRevocations,
  z,
} from '@trae/kit';
import { decodeJwt } from 'jose';

export interface ExchangedKey {
  accessToken: string;
  /** Epoch seconds. */
  expiresAt: number;
  apiKeyId: string;
  userId: string;
  /** True when served from memory rather than freshly minted by identity. */
  fromCache: boolean;
}

export interface ApiKeyExchangeOptions {
  identityUrl: string;
  /** A dedicated connection: a subscribed ioredis client can run no other command. */
  subscriber: Redis;
  channel: string;
  logger: Logger;
  /** Identity's `/internal/*` routes only answer callers holding INTERNAL_SECRET. */
  internalSecret: string;
  maxEntries?: number;
  /** @default INTERNAL_TIMEOUT_MS (the kit's, 3000) */
  timeoutMs?: number;
}

type Entry = Omit<ExchangedKey, 'fromCache'>;

/** Refresh this long before the minted token expires, so a forwarded token never dies in flight. */
const EXPIRY_MARGIN_S = 30;

const exchangedBody = z.object({
  accessToken: z.string().min(1),
  expiresAt: z.number(),
  apiKeyId: z.string().min(1),
});
/** Identity refuses a key it does not know, has revoked or has seen expire. */
const REFUSED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * Trades API keys for short-lived access tokens at identity, and remembers the trade so each
 * request does not cost a round trip. Entries are keyed by the key's sha256 (the secret itself
 * is never held) and dropped when identity announces a revocation on Redis.
 */
export class ApiKeyExchange {
  private readonly cache = new Map<string, Entry>();
  /** Concurrent first requests with one key share a single exchange. */
  private readonly inflight = new Map<string, Promise<Entry>>();
  /** Bumped on every revocation, so an exchange that raced one is not remembered. */
  private generation = 0;
  private readonly maxEntries: number;
  private readonly identity: InternalClient;
  private watch?: RevocationWatch;

  constructor(private readonly options: ApiKeyExchangeOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.identity = new InternalClient({
      service: 'identity',
      baseUrl: options.identityUrl,
      secret: options.internalSecret,
      timeoutMs: options.timeoutMs,
    });
  }

  get size() {
    return this.cache.size;
  }

  async start(): Promise<void> {
    const { subscriber, channel, logger } = this.options;
    this.watch = await watchRevocations(subscriber, channel, logger, {
      onEvent: (event) => this.onRevocation(event),
      // Revocations published while we were disconnected are lost, so a reconnect forgets everything.
      onResync: () => {
        if (this.cache.size > 0)
          logger.warn({ dropped: this.cache.size }, 'revocation channel reconnected; API key cache cleared');
        this.cache.clear();
        this.generation += 1;
      },
    });
  }

  async stop(): Promise<void> {
    this.cache.clear();
    await this.watch?.stop();
    await this.options.subscriber.quit().catch(() => undefined);
  }

  async exchange(apiKey: string): Promise<ExchangedKey> {
    const id = digest(apiKey);
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_S > Date.now() / 1000) {
      // Re-insert so the Map's insertion order tracks recency (evict from the front).
      this.cache.delete(id);
      this.cache.set(id, cached);
      return { ...cached, fromCache: true };
    }
    this.cache.delete(id);
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = this.mintAndRemember(id, apiKey).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return { ...(await pending), fromCache: false };
  }

  forget(apiKey: string): void {
    this.cache.delete(digest(apiKey));
  }

  private async mintAndRemember(id: string, apiKey: string): Promise<Entry> {
    const generation = this.generation;
    const minted = await this.mint(apiKey);
    // A revocation announced while identity was answering may be about this key: use the token, don't keep it.
    if (generation === this.generation && minted.expiresAt - EXPIRY_MARGIN_S > Date.now() / 1000) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(id, minted);
    }
    return minted;
  }

  private async mint(apiKey: string): Promise<Entry> {
    let body: z.infer<typeof exchangedBody>;
    try {
      body = await this.identity.json('/internal/api-keys/exchange', exchangedBody, { body: { apiKey } });
    } catch (err) {
      if (REFUSED.has(errorCode(err) ?? '')) throw Errors.unauthenticated('Invalid API key');
      // Identity being down is our fault, not the caller's: SERVICE_UNAVAILABLE (503), not 401.
      this.options.logger.error({ err }, 'API key exchange failed');
      throw err;
    }
    const { sub } = decodeJwt(body.accessToken);
    return {
      accessToken: body.accessToken,
      expiresAt: body.expiresAt,
      apiKeyId: body.apiKeyId,
      userId: sub ?? '',
    };
  }

  private onRevocation(event: RevocationEvent): void {
    this.generation += 1;
    for (const [id, entry] of this.cache) {
      if (
        (event.type === 'apiKey' && entry.apiKeyId === event.apiKeyId) ||
        (event.type === 'user' && entry.userId === event.userId)
      ) {
        this.cache.delete(id);
      }
    }
  }
}

const digest = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex');
