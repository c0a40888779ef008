import 'reflect-metadata';
import { hostname } from 'node:os';
import {
  ChannelsClient,
  createEventBus,
  createLogger,
  createOrm,
  createRedis,
  createService,
  IdentityClient,
  type Logger,
  ownPool,
  type Service,
  Sql,
  serviceSettings,
  startConsumer,
  type TokenVerifier,
} from '@trae/kit';
import { platformRecoveryConfig } from '@trae/recovery';
import type { TasksConfig } from './config.js';
import { tasksContext } from './context.js';
import { backupGauges } from './http/backup-gauges.js';
import { oldestWaitingGauge } from './http/oldest-waiting-gauge.js';
import { tasksRoutes } from './http/routes.js';
import { strandedGauge } from './http/stranded-gauge.js';
import { migrations } from './migrations/index.js';
import { Agent } from './modules/agent/agent.entity.js';
import { AgentService } from './modules/agent/agent.service.js';
import { ensureBuiltInAgents } from './modules/agent/built-in-agents.js';
import { BackupService } from './modules/backup/backup.service.js';
import { SyncMarks } from './modules/base44/sync-marks.js';
import { IDENTITY_STREAM, UserSyncs } from './modules/base44/user-sync.js';
import { TaskEvents } from './modules/engine/events.js';
import { Heartbeats } from './modules/engine/heartbeats.js';
import { TaskOutputs } from './modules/engine/output.js';
import { DEDICATED_CONNECTION, TaskQueues } from './modules/engine/queues.js';
import { selectLlm } from './modules/runtime/llm-provider.js';
import { modelBudget } from './modules/runtime/task-model.js';
import { CHANNELS_STREAM, ChannelSchedules } from './modules/schedule/channel-schedules.js';
import { Task } from './modules/task/task.entity.js';
import { TaskService } from './modules/task/task.service.js';
import { TaskStore } from './modules/task/task.store.js';
import { TaskFactory } from './modules/task/task-factory.js';
import { TaskLog } from './modules/task/task-log.entity.js';
import { TaskWaiter } from './modules/task/task-waiter.js';
import { UsageService } from './modules/usage/usage.service.js';
import { buildTasksSchema } from './schema.js';
import type { BackupSettings } from './worker.js';

export type { TasksConfig } from './config.js';
export { loadTasksConfig } from './config.js';
export { followOutput, type OutputChunk, TaskOutputs } from './modules/engine/output.js';
export { bullPrefix, jobOptions } from './modules/engine/queues.js';
export { LlmClient } from './modules/runtime/llm-client.js';
export { type BackupSettings, createTasksWorker, type TasksWorker } from './worker.js';
export { buildTasksSchema };
export const VERSION = '0.1.0';
export const SCHEMA = 'tasks';
export const entities = [Task, TaskLog, Agent];

export interface TasksApi extends Service {
  services: {
    tasks: TaskService;
    agents: AgentService;
    schedules: ChannelSchedules;
    backups: BackupService;
    usage: UsageService;
  };
  queues: TaskQueues;
  sql: Sql;
}

export interface TasksApiOptions {
  /** Tests sign their own tokens; production verifies against identity's JWKS. */
  verifyToken?: TokenVerifier;
  /** @default read from process.env, as the worker does */
  backups?: BackupSettings;
}

/** The tasks subgraph's API process: GraphQL, the channel-schedule consumer and `/internal/agents/health`. */
export async function createTasksApi(
  config: TasksConfig,
  logger: Logger = createLogger('tasks', config.LOG_LEVEL),
  options: TasksApiOptions = {},
): Promise<TasksApi> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: SCHEMA,
    entities,
    migrations,
    logger,
  });
  // The engine's hot paths get a pool of their own beside the ORM's (reads for the API go through the ORM).
  const sql = new Sql(ownPool(config.DATABASE_URL, SCHEMA));
  await ensureBuiltInAgents(sql);
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const bus = createEventBus(config.REDIS_URL, config.REDIS_PREFIX, logger);
  const queues = new TaskQueues({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    backoffMs: config.TASK_BACKOFF_MS,
    logger,
  });
  const publisher = createRedis(
    config.REDIS_URL,
    '',
    { maxRetriesPerRequest: 20 },
    { logger, role: 'publisher' },
  );
  const events = new TaskEvents(publisher, config.REDIS_PREFIX);
  const agents = new AgentService({
    orm,
    sql,
    queues,
    heartbeats: new Heartbeats(redis),
    redis,
    prefix: config.REDIS_PREFIX,
    strandedAfterMs: config.TASK_STRANDED_AFTER_MS,
  });
  const store = new TaskStore(sql);
  const factory = new TaskFactory(
    () => agents.directory(),
    new ChannelsClient(config.CHANNELS_URL, config.INTERNAL_SECRET),
    {
      defaultMaxAttempts: config.TASK_DEFAULT_MAX_ATTEMPTS,
      scheduleMinIntervalSeconds: config.SCHEDULE_MIN_INTERVAL_SECONDS,
    },
  );
  const waiter = new TaskWaiter(
    createRedis(config.REDIS_URL, '', DEDICATED_CONNECTION, { logger, role: 'task-waiter' }),
    config.REDIS_PREFIX,
  );
  const tasks = new TaskService({
    orm,
    store,
    factory,
    queues,
    events,
    bus,
    outputs: new TaskOutputs(publisher, config.REDIS_PREFIX, config.TASK_OUTPUT_FLUSH_MS),
    waiter,
    redis,
    prefix: config.REDIS_PREFIX,
    logger,
    ...(selectLlm(config)
      ? { modelBudget: modelBudget(sql, config.LLM_USER_DAILY_TOKENS, config.LLM_AGENT_DAILY_TOKENS) }
      : {}),
    execute: {
      defaultTimeoutMs: config.EXECUTE_DEFAULT_TIMEOUT_MS,
      maxTimeoutMs: config.EXECUTE_MAX_TIMEOUT_MS,
    },
    scheduleMaxActivePerUser: config.SCHEDULE_MAX_ACTIVE_PER_USER,
  });
  const recovery = options.backups ?? platformRecoveryConfig();
  const backups = new BackupService({ config: recovery.config, tasks, schedule: config.BACKUP_SCHEDULE });
  const schedules = new ChannelSchedules(
    store,
    tasks,
    queues,
    events,
    logger,
    config.TASK_DEFAULT_MAX_ATTEMPTS,
  );
  const consumer = startConsumer({
    redis: createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: 'channel-events' }),
    stream: CHANNELS_STREAM,
    group: 'tasks',
    consumer: `tasks-${hostname()}-${process.pid}`,
    logger,
    handle: (event) => schedules.handle(event),
  });
  // Only with Base44 on (nothing could run the syncs otherwise). The capped stream keeps what identity
  // announced meanwhile: turning Base44 on later syncs those users, once each.
  const syncs = new UserSyncs(store, tasks, new SyncMarks(redis), logger, config.BASE44_SYNC_MAX_ATTEMPTS);
  const userSyncs = config.BASE44_URL
    ? startConsumer({
        redis: createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: 'identity-events' }),
        stream: IDENTITY_STREAM,
        group: 'tasks',
        consumer: `tasks-${hostname()}-${process.pid}`,
        logger,
        handle: (event) => syncs.handle(event),
      })
    : null;

  const usage = new UsageService(sql);
  const service = await createService({
    name: 'tasks',
    version: VERSION,
    schema: await buildTasksSchema(bus.pubSub),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    ...(options.verifyToken ? { verifyToken: options.verifyToken } : {}),
    routes: tasksRoutes(
      agents,
      tasks,
      new IdentityClient(config.IDENTITY_URL, config.INTERNAL_SECRET, config.CREATOR_CACHE_MS),
      config.INTERNAL_SECRET,
    ),
    extendContext: tasksContext({ tasks, agents, backups, usage }),
    eventBus: bus,
    onStop: async () => {
      await consumer.stop();
      await userSyncs?.stop();
      waiter.close();
      await events.drain().catch(() => undefined);
      publisher.disconnect();
      await queues.close();
      await sql.close();
    },
  });
  strandedGauge(service.metrics.registry, agents);
  oldestWaitingGauge(service.metrics.registry, agents);
  backupGauges(service.metrics.registry, recovery.config.backupDir, config.BACKUP_SCHEDULE !== '');
  return Object.assign(service, { services: { tasks, agents, schedules, backups, usage }, queues, sql });
}
