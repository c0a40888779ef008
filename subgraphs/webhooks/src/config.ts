import { baseEnv, loadConfig, z } from '@trae/kit';

export const webhooksEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
});

export type WebhooksConfig = z.infer<typeof webhooksEnv>;

export const loadWebhooksConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(webhooksEnv, env);
