import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './server.js';

const config = loadGatewayConfig();
const logger = createLogger('gateway', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const gateway = await createGateway(config, { logger });
    const port = await gateway.listen(config.PORT, config.HOST);
    logger.info(
      { url: `http://${config.HOST}:${port}/graphql`, subgraphs: gateway.subgraphs },
      'gateway ready',
    );
    return gateway;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
