import { baseEnv, loadConfig, z } from '@trae/kit';

export const webhooksEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  /** The largest inbound webhook body accepted; a larger one is refused with 413 before it is read whole. */
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  /** How many received webhooks are kept per source for inspection and replay; older ones are deleted. */
  WEBHOOK_KEEP_PER_SOURCE: z.coerce.number().int().min(1).max(100_000).default(500),
});

export type WebhooksConfig = z.infer<typeof webhooksEnv>;

export const loadWebhooksConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(webhooksEnv, env);
