import 'reflect-metadata';
import {
  Base44Client,
  createEventBus,
  createLogger,
  createMailer,
  createOrm,
  createRedis,
  createService,
  flushLogShipping,
  integrationMetrics,
  type Logger,
  ormPool,
  requireMail,
  type Service,
  SMTP_SERVICE,
  Sql,
  serviceSettings,
} from '@trae/kit';
import { type Metric, Registry } from 'prom-client';
import type { ObservabilityConfig } from './config.js';
import { observabilityContext } from './context.js';
import { internalRoutes } from './http/internal.route.js';
import { migrations } from './migrations/index.js';
import { Alert } from './modules/alert/alert.entity.js';
import { AlertService } from './modules/alert/alert.service.js';
import { AlertEvaluator } from './modules/alert/alert-evaluator.js';
import { AlertNotifications } from './modules/alert/alert-notifier.js';
import { AlertRule } from './modules/alert/alert-rule.entity.js';
import { AlertRuleService } from './modules/alert/alert-rule.service.js';
import { AlertSilence } from './modules/alert/alert-silence.entity.js';
import { ErrorService } from './modules/error/error.service.js';
import { ErrorGroup } from './modules/error/error-group.entity.js';
import { DatabaseWatch } from './modules/health/database-watch.js';
import { HealthService } from './modules/health/health.service.js';
import { Jobs } from './modules/job/jobs.js';
import { Live } from './modules/live/live.js';
import { LogService } from './modules/log/log.service.js';
import { LogConsumer } from './modules/log/log-consumer.js';
import { LogEntry } from './modules/log/log-entry.entity.js';
import { LogIngest } from './modules/log/log-ingest.js';
import { MetricService } from './modules/metric/metric.service.js';
import { targetsOf } from './modules/metric/scrape-targets.js';
import { Scraper } from './modules/metric/scraper.js';
import { RetentionService } from './modules/retention/retention.service.js';
import { buildObservabilitySchema } from './schema.js';

export type { ObservabilityConfig } from './config.js';
export { loadObservabilityConfig } from './config.js';
export { buildObservabilitySchema };
export const VERSION = '0.1.0';

export interface ObservabilityOptions {
  /** Start the log consumer and the periodic jobs (scrape, probe, retention). @default true */
  background?: boolean;
}

export interface Observability extends Service {
  services: {
    logs: LogService;
    ingest: LogIngest;
    errors: ErrorService;
    metrics: MetricService;
    health: HealthService;
    scraper: Scraper;
    retention: RetentionService;
    live: Live;
    alertRules: AlertRuleService;
    alerts: AlertService;
    alerting: AlertEvaluator;
    notifications: AlertNotifications;
    /** Raw SQL on the service's pool and schema. */
    sql: Sql;
  };
  consumer: LogConsumer;
  jobs: Jobs;
}

export async function createObservability(
  config: ObservabilityConfig,
  logger: Logger = createLogger('observability', config.LOG_LEVEL),
  options: ObservabilityOptions = {},
): Promise<Observability> {
  if (config.ALERT_EMAIL_TO.length) requireMail(config, 'ALERT_EMAIL_TO (alert emails)');
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'observability',
    entities: [LogEntry, ErrorGroup, AlertRule, Alert, AlertSilence],
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const bus = createEventBus(config.REDIS_URL, config.REDIS_PREFIX, logger);
  // Raw SQL borrows the ORM's connections: one pool per instance, sized by the ORM.
  const sql = new Sql(ormPool(orm));
  const live = new Live(bus, redis, config.REDIS_PREFIX, ['metricsTick', 'logAdded', 'alertChanged']);
  const targets = targetsOf(config);
  const probe = {
    tasksUrl: config.TASKS_URL,
    internalSecret: config.INTERNAL_SECRET,
    timeoutMs: config.SCRAPE_TIMEOUT_MS,
  };

  const errors = new ErrorService(orm, sql);
  const logs = new LogService(orm, sql);
  const ingest = new LogIngest(sql, errors, live, logger);
  const metrics = new MetricService(sql, redis, live, {
    rawHours: config.METRICS_RAW_RETENTION_HOURS,
    rollupDays: config.METRICS_ROLLUP_RETENTION_DAYS,
    scrapeIntervalMs: config.SCRAPE_INTERVAL_MS,
  });
  // Its metrics join the service's registry once createService has made it.
  const integrations = new Registry();
  const base44 = Base44Client.fromConfig(config, { logger, metrics: { registry: integrations } });
  const mailer = config.ALERT_EMAIL_TO.length
    ? createMailer(config, logger, { metrics: { registry: integrations } })
    : null;
  const external = [
    ...(base44 ? [{ name: Base44Client.NAME, check: () => base44.healthCheck() }] : []),
    // Alert email goes through it: its server shows beside Base44 (verified, nothing sent).
    ...(mailer?.mode === 'smtp'
      ? [{ name: SMTP_SERVICE, check: async () => mailer.verify().then(() => ({})) }]
      : []),
  ];
  const health = new HealthService(
    orm,
    sql,
    redis,
    {
      ...probe,
      targets,
      external,
      intervalMs: config.HEALTH_INTERVAL_MS,
      historyHours: config.HEALTH_RETENTION_HOURS,
    },
    {
      maxAgeHours: config.BACKUP_MAX_AGE_HOURS,
      latest: async () => (await metrics.latest())?.backup ?? null,
    },
  );
  const watch = new DatabaseWatch({
    url: config.DATABASE_URL,
    onLost: (reason) => {
      logger.warn({ reason }, 'database connection lost; reconnecting');
      health.databaseLost();
    },
    onBack: () => {
      logger.info('database reconnected');
      health.databaseBack();
    },
  });
  const scraper = new Scraper({ ...probe, targets });
  const retention = new RetentionService(sql, config);
  const consumer = new LogConsumer({
    redis: createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: 'log-consumer' }),
    acks: redis,
    ingest,
    logger,
    consumer: config.LOG_CONSUMER_NAME,
    batch: config.LOG_BATCH_SIZE,
    claimIdleMs: config.LOG_CLAIM_IDLE_MS,
  });
  const jobs = new Jobs(redis, logger);
  const notifications = new AlertNotifications(
    live,
    redis,
    mailer && { mailer, to: config.ALERT_EMAIL_TO },
    logger.child({ component: 'alerts' }),
  );
  const alertRules = new AlertRuleService(orm, notifications);
  const alerts = new AlertService(orm);
  const alerting = new AlertEvaluator(orm, metrics, errors, notifications, {
    // A few scrapes' worth: one late scrape is not "no data", a stopped scraper is.
    freshMs: Math.max(30_000, config.SCRAPE_INTERVAL_MS * 3),
  });
  await alertRules.seed();

  const service = await createService({
    name: 'observability',
    version: VERSION,
    schema: await buildObservabilitySchema(),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    routes: (app) => internalRoutes(app, { logs, errors, metrics, secret: config.INTERNAL_SECRET }),
    extendContext: observabilityContext({
      logs,
      errors,
      metrics,
      health,
      live,
      alertRules,
      alerts,
    }),
    eventBus: bus,
    // The watch first (a stop is no outage), jobs next (they use the database and Redis), then the
    // consumer finishes its batch, then our own last log lines go out.
    onStop: async () => {
      await watch.stop();
      await jobs.stop();
      await notifications.drain();
      mailer?.close();
      await base44?.close();
      await consumer.stop();
      await flushLogShipping();
    },
  });
  const merged: Metric[] = [live.gauge, consumer.metrics.stored, consumer.metrics.failures];
  for (const metric of [...merged, ...Object.values(integrationMetrics(integrations))])
    service.metrics.registry.registerMetric(metric);
  watch.start();

  if (options.background !== false) {
    consumer.start();
    jobs.every('scrape', config.SCRAPE_INTERVAL_MS, async () => {
      await metrics.record(await scraper.scrape());
    });
    jobs.every(
      'health',
      config.HEALTH_INTERVAL_MS,
      async () => {
        await health.probeAndRecord();
      },
      { unleased: true },
    );
    jobs.every('alerts', config.ALERT_EVAL_INTERVAL_MS, async () => {
      await alerting.run();
    });
    jobs.every('retention', config.RETENTION_INTERVAL_MS, async () => {
      const deleted = await retention.run();
      if (Object.values(deleted).some((n) => n > 0)) logger.info({ deleted }, 'retention');
    });
  }

  return Object.assign(service, {
    services: {
      logs,
      ingest,
      errors,
      metrics,
      health,
      scraper,
      retention,
      live,
      alertRules,
      alerts,
      alerting,
      notifications,
      sql,
    },
    consumer,
    jobs,
  });
}
