import type { Registry } from 'prom-client';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { ConfigError } from './config.js';
import { IntegrationClient } from './integration.js';
import type { Logger } from './logger.js';

/** The Base44 integration's settings; a service that uses it extends its env with these. */
export const base44Env = z.object({
  /** Base44's API root (`https://app.base44.com/api/apps/<app id>`). Unset: the integration is off. */
  BASE44_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().url().optional()),
  /** Sent as the `api_key` header; required with BASE44_URL. */
  BASE44_API_KEY: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  BASE44_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
});

type Base44Config = z.infer<typeof base44Env> & { NODE_ENV: string };

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || host.startsWith('127.');

/** `GET /production/status`: how Base44 says production is. */
export const ProductionStatus = z.object({
  status: z.enum(['operational', 'degraded', 'outage']),
  version: z.string().max(64).optional(),
  message: z.string().max(500).optional(),
});
export type ProductionStatus = z.infer<typeof ProductionStatus>;

/** What `syncUserData` sends: the profile, never credentials. */
export interface Base44User {
  id: string;
  email: string;
  displayName?: string | null;
  role: string;
  /** A disabled account is still sent (Base44 should stop acting for it), marked so. */
  disabled?: boolean;
}

const SyncAnswer = z.object({ synced: z.boolean() });

/**
 * The seed's Base44 integration on the kit's IntegrationClient (timeouts, retries, breaker, rate
 * limit, metrics and redacted logs). The contract it speaks is in docs/integrations.md and is
 * tested against a fake Base44 that misbehaves.
 */
export class Base44Client {
  static readonly NAME = 'base44';
  private readonly http: IntegrationClient;

  constructor(
    settings: { url: string; apiKey: string; timeoutMs?: number },
    deps: { logger: Logger; metrics: { registry: Registry }; dispatcher?: Dispatcher },
  ) {
    this.http = new IntegrationClient({
      name: Base44Client.NAME,
      baseUrl: settings.url,
      headers: { api_key: settings.apiKey },
      timeoutMs: settings.timeoutMs,
      // Short waits: the status feeds a health round, which gives every probe a few seconds at most.
      backoff: { initialMs: 100, maxMs: 1_000 },
      ...deps,
    });
  }

  /** Null when BASE44_URL is unset; a ConfigError naming the variable when the settings do not hold. */
  static fromConfig(
    config: Base44Config,
    deps: { logger: Logger; metrics: { registry: Registry } },
  ): Base44Client | null {
    if (!config.BASE44_URL) return null;
    if (!config.BASE44_API_KEY) throw new ConfigError('BASE44_API_KEY: required when BASE44_URL is set');
    const url = new URL(config.BASE44_URL);
    // The key travels in a header: in production only over TLS, unless Base44 is this machine.
    if (config.NODE_ENV === 'production' && url.protocol !== 'https:' && !isLoopback(url.hostname))
      throw new ConfigError(
        'BASE44_URL: must be https:// in production (the API key is sent with every call)',
      );
    return new Base44Client(
      { url: config.BASE44_URL, apiKey: config.BASE44_API_KEY, timeoutMs: config.BASE44_TIMEOUT_MS },
      deps,
    );
  }

  getProductionStatus(): Promise<ProductionStatus> {
    return this.http.get('/production/status', ProductionStatus);
  }

  /** Pushes a user's profile to Base44; safe to repeat (Base44 keeps the latest by id). */
  async syncUserData(user: Base44User): Promise<void> {
    await this.http.post(`/users/${encodeURIComponent(user.id)}/sync`, SyncAnswer, {
      body: { user },
      idempotent: true,
    });
  }

  /** For systemHealth: the status as a health check sees it (an outage is down; degraded is up, said so). */
  async healthCheck(): Promise<{ version: string | null; detail?: string }> {
    const s = await this.getProductionStatus();
    const said = s.message ? `: ${s.message}` : '';
    if (s.status === 'outage') throw new Error(`Base44 reports an outage${said}`);
    return { version: s.version ?? null, detail: `${s.status}${said}` };
  }

  /** The breaker's state and the last failure, for health details. */
  get state() {
    return this.http.state;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
