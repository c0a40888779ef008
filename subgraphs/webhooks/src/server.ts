import 'reflect-metadata';
import {
  createLogger,
  createOrm,
  createRedis,
  createService,
  type Logger,
  type Service,
  serviceSettings,
} from '@trae/kit';
import type { WebhooksConfig } from './config.js';
import { type WebhooksServices, webhooksContext } from './context.js';
import { webhooksRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { WebhookSource } from './modules/webhook-source/webhook-source.entity.js';
import { WebhookSourceService } from './modules/webhook-source/webhook-source.service.js';
import { buildWebhooksSchema } from './schema.js';

export { loadWebhooksConfig, type WebhooksConfig } from './config.js';
export { buildWebhooksSchema };
export const VERSION = '0.1.0';
export const entities = [WebhookSource];

export interface Webhooks extends Service {
  services: WebhooksServices;
}

export async function createWebhooks(
  config: WebhooksConfig,
  logger: Logger = createLogger('webhooks', config.LOG_LEVEL),
): Promise<Webhooks> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'webhooks',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const services: WebhooksServices = { webhookSources: new WebhookSourceService(orm) };

  const service = await createService({
    name: 'webhooks',
    version: VERSION,
    schema: await buildWebhooksSchema(),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    routes: webhooksRoutes(),
    extendContext: webhooksContext(services),
  });
  return Object.assign(service, { services });
}
