#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadWebhooksConfig } from './config.js';
import { createWebhooks, VERSION } from './server.js';

const config = loadWebhooksConfig();
const logger = createLogger('webhooks', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const service = await createWebhooks(config, logger);
    const port = await service.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION }, 'webhooks ready');
    return service;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
