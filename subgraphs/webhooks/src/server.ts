import 'reflect-metadata';
import {
  createEventBus,
  createLogger,
  createOrm,
  createRedis,
  createService,
  type Logger,
  type Service,
  serviceSettings,
  TasksClient,
} from '@trae/kit';
import type { WebhooksConfig } from './config.js';
import { type WebhooksServices, webhooksContext } from './context.js';
import { webhooksRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { InboundWebhook } from './modules/inbound-webhook/inbound-webhook.entity.js';
import { InboundWebhookService } from './modules/inbound-webhook/inbound-webhook.service.js';
import { WebhookSource } from './modules/webhook-source/webhook-source.entity.js';
import { WebhookSourceService } from './modules/webhook-source/webhook-source.service.js';
import { buildWebhooksSchema } from './schema.js';

export { loadWebhooksConfig, type WebhooksConfig } from './config.js';
export { buildWebhooksSchema };
export const VERSION = '0.1.0';
export const entities = [WebhookSource, InboundWebhook];

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
  const bus = createEventBus(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const webhookSources = new WebhookSourceService(orm);
  const inboundWebhooks = new InboundWebhookService({
    orm,
    redis,
    sources: webhookSources,
    tasks: new TasksClient(config.TASKS_URL, config.INTERNAL_SECRET),
    bus,
    logger,
    keepPerSource: config.WEBHOOK_KEEP_PER_SOURCE,
  });
  const services: WebhooksServices = { webhookSources, inboundWebhooks };

  const service = await createService({
    name: 'webhooks',
    version: VERSION,
    schema: await buildWebhooksSchema(bus.pubSub),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    routes: webhooksRoutes(inboundWebhooks, config.INTERNAL_SECRET, config.WEBHOOK_MAX_BYTES),
    extendContext: webhooksContext(services),
    eventBus: bus,
  });
  return Object.assign(service, { services });
}
