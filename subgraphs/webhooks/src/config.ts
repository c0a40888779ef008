import { baseEnv, loadConfig, z } from '@trae/kit';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .default(fallback)
    .transform((v) => v === 'true' || v === '1');

export const webhooksEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  /** The largest inbound webhook body accepted; a larger one is refused with 413 before it is read whole. */
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  /**
   * Verified webhooks a source may send per minute (counted in Redis, so across every instance); past it
   * 429 RATE_LIMITED with Retry-After.
   */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(600),
  /** How many received webhooks are kept per source for inspection and replay; older ones are deleted. */
  WEBHOOK_KEEP_PER_SOURCE: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How many delivery attempts are kept per outbound endpoint (its delivery log); older ones are deleted. */
  WEBHOOK_KEEP_PER_ENDPOINT: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Received webhooks and delivery attempts older than this many days are deleted. */
  WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often retention runs (on one instance at a time). */
  WEBHOOK_RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  /** Outbound: private, loopback and link-local receivers are refused unless this is set (the SSRF guard). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag('false'),
  /** Outbound: tries per event and endpoint; with the default base, the last one about 3 days after the first. */
  WEBHOOK_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(14),
  /** Outbound: the first retry's delay; each next one is 4x (capped at 10 h), with +-20% jitter. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  /** Outbound: the longest wait between two tries (the 4x growth stops here). */
  WEBHOOK_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3_600_000)
    .default(10 * 3_600_000),
  /** Outbound: deliveries one instance has under way at once (its BullMQ worker's concurrency). */
  WEBHOOK_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Outbound: how long a receiver has to answer one attempt. */
  WEBHOOK_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Outbound: deliveries in a row that fail all their tries before the endpoint is disabled (a success resets). */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * Outbound: email an endpoint's owner when it is disabled (through SMTP_URL; in production, on means
   * SMTP_URL and MAIL_FROM are required at boot).
   */
  WEBHOOK_NOTICE_EMAIL: flag('true'),
  /** How long identity's answer "is this endpoint's owner an ADMIN" is reused for platform-wide events. */
  WEBHOOK_AUTHORITY_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** This instance's consumer name in the event streams' `webhooks` group; stable across restarts. */
  EVENTS_CONSUMER: z.string().min(1).max(200).optional(),
});

export type WebhooksConfig = z.infer<typeof webhooksEnv>;

export const loadWebhooksConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(webhooksEnv, env);
