#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadChannelsConfig } from './config.js';
import { createChannels, VERSION } from './server.js';

const config = loadChannelsConfig();
const logger = createLogger('channels', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const channels = await createChannels(config, logger);
    const port = await channels.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION }, 'channels ready');
    return channels;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
