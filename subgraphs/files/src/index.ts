#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadFilesConfig } from './config.js';
import { createFiles, VERSION } from './server.js';

const config = loadFilesConfig();
const logger = createLogger('files', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const files = await createFiles(config, logger);
    const port = await files.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION, storage: files.storage.kind }, 'files ready');
    return files;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
