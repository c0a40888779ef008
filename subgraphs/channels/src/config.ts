import { hostname } from 'node:os';
import { baseEnv, loadConfig, z } from '@trae/kit';

export const channelsEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  /** How often the outbox relay looks for schedule events that were not sent right after their commit. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /**
   * This instance's name in the `channels` consumer group of `events:tasks`. Stable across restarts, so
   * a restarted instance picks up what it left unacknowledged. Default: `<hostname>:<PORT>`.
   */
  EVENTS_CONSUMER: z.string().min(1).max(200).optional(),
});

export type ChannelsConfig = z.infer<typeof channelsEnv>;

export const loadChannelsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(channelsEnv, env);

export const consumerName = (config: ChannelsConfig) =>
  config.EVENTS_CONSUMER ?? `${hostname()}:${config.PORT}`;
