import 'reflect-metadata';
import { hostname } from 'node:os';
import {
  ChannelsClient,
  createEventBus,
  createLogger,
  createMailer,
  createOrm,
  createRedis,
  createService,
  IdentityClient,
  integrationMetrics,
  Limit,
  type Logger,
  requireMail,
  SafeHttp,
  type Service,
  SMTP_SERVICE,
  serviceSettings,
  TasksClient,
} from '@trae/kit';
import { Registry } from 'prom-client';
import type { WebhooksConfig } from './config.js';
import { type WebhooksServices, webhooksContext } from './context.js';
import { webhooksRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { InboundWebhook } from './modules/inbound-webhook/inbound-webhook.entity.js';
import { InboundWebhookService } from './modules/inbound-webhook/inbound-webhook.service.js';
import { startRetention } from './modules/retention/retention.job.js';
import { RetentionService } from './modules/retention/retention.service.js';
import { OutboundDelivery } from './modules/webhook-endpoint/delivery.js';
import { EndpointCache } from './modules/webhook-endpoint/endpoint-cache.js';
import { EndpointHealth } from './modules/webhook-endpoint/endpoint-health.js';
import { EndpointNotices } from './modules/webhook-endpoint/endpoint-notice.js';
import { startOutboundEvents } from './modules/webhook-endpoint/outbound-events.js';
import { WebhookAttempt } from './modules/webhook-endpoint/webhook-attempt.entity.js';
import { WebhookEndpoint } from './modules/webhook-endpoint/webhook-endpoint.entity.js';
import { WebhookEndpointService } from './modules/webhook-endpoint/webhook-endpoint.service.js';
import { SourceCache } from './modules/webhook-source/source-cache.js';
import { WebhookSource } from './modules/webhook-source/webhook-source.entity.js';
import { WebhookSourceService } from './modules/webhook-source/webhook-source.service.js';
import { buildWebhooksSchema } from './schema.js';

export { loadWebhooksConfig, type WebhooksConfig } from './config.js';
export { buildWebhooksSchema };
export const VERSION = '0.1.0';
export const entities = [WebhookSource, InboundWebhook, WebhookEndpoint, WebhookAttempt];

export interface Webhooks extends Service {
  services: WebhooksServices;
  /** What the periodic retention job runs (tests call it with a later `now`). */
  retention: RetentionService;
}

export async function createWebhooks(
  config: WebhooksConfig,
  logger: Logger = createLogger('webhooks', config.LOG_LEVEL),
): Promise<Webhooks> {
  if (config.WEBHOOK_NOTICE_EMAIL)
    requireMail(config, 'WEBHOOK_NOTICE_EMAIL (disabled endpoints are mailed)');
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'webhooks',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const bus = createEventBus(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const sourceCache = new SourceCache(bus);
  const webhookSources = new WebhookSourceService(orm, sourceCache);
  const inboundWebhooks = new InboundWebhookService({
    orm,
    redis,
    sources: webhookSources,
    tasks: new TasksClient(config.TASKS_URL, config.INTERNAL_SECRET),
    bus,
    logger,
    limit: new Limit(redis, 'webhooks:inbound', config.WEBHOOK_RATE_LIMIT_PER_MINUTE, 60),
  });
  const identity = new IdentityClient(
    config.IDENTITY_URL,
    config.INTERNAL_SECRET,
    config.WEBHOOK_AUTHORITY_CACHE_MS,
  );
  // Its metrics join the service's registry once createService has made it (as identity's do).
  const integrations = new Registry();
  const mailer = config.WEBHOOK_NOTICE_EMAIL
    ? createMailer(config, logger, { metrics: { registry: integrations } })
    : null;
  const notices = new EndpointNotices(orm, identity, mailer, bus, logger);
  const endpointCache = new EndpointCache(bus);
  const bullConnection = createRedis(
    config.REDIS_URL,
    '',
    { maxRetriesPerRequest: null },
    { logger, role: 'webhook-delivery' },
  );
  const delivery = new OutboundDelivery(
    orm,
    bullConnection,
    config.REDIS_PREFIX,
    new SafeHttp({
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      maxBytes: 4096,
      timeoutMs: config.WEBHOOK_DELIVERY_TIMEOUT_MS,
      maxRedirects: 0,
    }),
    {
      attempts: config.WEBHOOK_DELIVERY_ATTEMPTS,
      retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: config.WEBHOOK_RETRY_MAX_MS,
      timeoutMs: config.WEBHOOK_DELIVERY_TIMEOUT_MS,
      concurrency: config.WEBHOOK_DELIVERY_CONCURRENCY,
    },
    new EndpointHealth(orm, config.WEBHOOK_DISABLE_AFTER_FAILURES, notices, endpointCache),
    endpointCache,
    logger,
  );
  const channels = new ChannelsClient(config.CHANNELS_URL, config.INTERNAL_SECRET);
  const webhookEndpoints = new WebhookEndpointService(orm, identity, channels, delivery, endpointCache);
  const services: WebhooksServices = { webhookSources, inboundWebhooks, webhookEndpoints };
  let events: { stop(): Promise<void> } | undefined;
  const retention = new RetentionService(orm, {
    days: config.WEBHOOK_LOG_RETENTION_DAYS,
    keepPerSource: config.WEBHOOK_KEEP_PER_SOURCE,
    keepPerEndpoint: config.WEBHOOK_KEEP_PER_ENDPOINT,
  });
  const retentionJob = startRetention(
    retention,
    bullConnection,
    config.REDIS_PREFIX,
    config.WEBHOOK_RETENTION_INTERVAL_MS,
    logger,
  );

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
    // Notices go through it: systemHealth shows it as EXTERNAL (verified, nothing sent), never as down.
    external: mailer?.mode === 'smtp' ? { [SMTP_SERVICE]: () => mailer.verify() } : {},
    onStop: async () => {
      await events?.stop();
      await retentionJob.stop();
      await delivery.close();
      await sourceCache.close();
      await endpointCache.close();
      await notices.drain();
      mailer?.close();
    },
  });
  for (const metric of Object.values(integrationMetrics(integrations)))
    service.metrics.registry.registerMetric(metric);
  events = startOutboundEvents({
    connect: (stream) => createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: stream }),
    consumer: config.EVENTS_CONSUMER ?? `${hostname()}:${config.PORT}`,
    endpoints: webhookEndpoints,
    enqueue: (jobs) => delivery.enqueueMany(jobs),
    logger,
  });
  return Object.assign(service, { services, retention });
}
