#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadObservabilityConfig } from './config.js';
import { createObservability, VERSION } from './server.js';

const config = loadObservabilityConfig();
const logger = createLogger('observability', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const observability = await createObservability(config, logger);
    const port = await observability.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION }, 'observability ready');
    return observability;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
