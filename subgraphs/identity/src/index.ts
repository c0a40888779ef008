#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadIdentityConfig } from './config.js';
import { createIdentity, VERSION } from './server.js';

const config = loadIdentityConfig();
const logger = createLogger('identity', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const identity = await createIdentity(config, logger);
    const port = await identity.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION }, 'identity ready');
    return identity;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
