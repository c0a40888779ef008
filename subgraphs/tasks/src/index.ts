#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadTasksConfig, loadWorkerConfig } from './config.js';
import { createTasksApi, createTasksWorker, VERSION } from './server.js';

/** `trae-tasks` serves the subgraph; `trae-tasks worker` runs agent work (start as many as you need). */
const command = process.argv[2] ?? 'api';
if (command !== 'api' && command !== 'worker') {
  console.error(`unknown command "${command}"; usage: trae-tasks [api|worker]`);
  process.exit(2);
}
const config = command === 'worker' ? loadWorkerConfig() : loadTasksConfig();

if (command === 'worker') {
  const logger = createLogger('tasks-worker', config.LOG_LEVEL);
  await runMain(
    logger,
    async () => {
      const worker = await createTasksWorker(config, logger);
      const url = await worker.listen();
      logger.info(
        { url, id: worker.id, agents: worker.pool.agents(), version: VERSION },
        'tasks worker ready',
      );
      return worker;
    },
    config.SHUTDOWN_TIMEOUT_MS,
  );
} else {
  const logger = createLogger('tasks', config.LOG_LEVEL);
  await runMain(
    logger,
    async () => {
      const api = await createTasksApi(config, logger);
      const port = await api.listen(config.PORT, config.HOST);
      logger.info({ port, version: VERSION }, 'tasks ready');
      return api;
    },
    config.SHUTDOWN_TIMEOUT_MS,
  );
}
