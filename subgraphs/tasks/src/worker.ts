import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Base44Client,
  ChannelsClient,
  createLogger,
  createOrm,
  createRedis,
  IdentityClient,
  type Logger,
  ownPool,
  SafeHttp,
  Sql,
} from '@trae/kit';
import { assertSafeBackupConfig, platformRecoveryConfig } from '@trae/recovery';
import { type TasksConfig, workerDrainMs } from './config.js';
import { createWorkerHttp } from './http/worker-http.js';
import { migrations } from './migrations/index.js';
import { Agent } from './modules/agent/agent.entity.js';
import { ensureBuiltInAgents } from './modules/agent/built-in-agents.js';
import { SyncMarks } from './modules/base44/sync-marks.js';
import { TaskEvents } from './modules/engine/events.js';
import { Heartbeats } from './modules/engine/heartbeats.js';
import { TaskJournal } from './modules/engine/journal.js';
import { Liveness } from './modules/engine/liveness.js';
import { TaskOutputs } from './modules/engine/output.js';
import { createProcessor } from './modules/engine/processor.js';
import { TaskQueues } from './modules/engine/queues.js';
import { Reconciler } from './modules/engine/reconciler.js';
import { RunAuthority } from './modules/engine/run-authority.js';
import { WorkerPool } from './modules/engine/worker-pool.js';
import { contentAgent } from './modules/runtime/content/content.agent.js';
import { FilesClient } from './modules/runtime/files-client.js';
import { LlmClient } from './modules/runtime/llm-client.js';
import { selectLlm } from './modules/runtime/llm-provider.js';
import { PlatformClient } from './modules/runtime/platform-client.js';
import { researchAgent } from './modules/runtime/research/research.agent.js';
import { createSystemAgent } from './modules/runtime/system/system.agent.js';
import { TasksClient } from './modules/runtime/tasks-client.js';
import { applyBackupSchedule } from './modules/schedule/backup-schedule.js';
import { Task } from './modules/task/task.entity.js';
import { TaskLog } from './modules/task/task-log.entity.js';

/** @trae/recovery's settings (BACKUP_DIR, FILES_DIR, BACKUP_ENCRYPTION_KEY, ...) and the repo they belong to. */
export type BackupSettings = ReturnType<typeof platformRecoveryConfig>;

export interface TasksWorkerOptions {
  /** @default read from process.env; a bad value stops the worker at boot naming the variable */
  backups?: BackupSettings;
}

export interface TasksWorker {
  id: string;
  pool: WorkerPool;
  reconciler: Reconciler;
  /** Binds WORKER_PORT (0: any free port) and starts beating; resolves with the URL it serves. */
  listen(port?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The worker process (`trae-tasks worker`): consumes every agent queue, runs the agents, reconciles the
 * database with the queues, and beats into Redis. Start as many as you like; they share the work.
 */
export async function createTasksWorker(
  config: TasksConfig,
  logger: Logger = createLogger('tasks-worker', config.LOG_LEVEL),
  options: TasksWorkerOptions = {},
): Promise<TasksWorker> {
  const backups = options.backups ?? platformRecoveryConfig();
  const llm = selectLlm(config);
  // A scheduled backup into the image or /tmp would fail nobody until the day it is needed: stop here.
  if (config.BACKUP_SCHEDULE) assertSafeBackupConfig(backups.config, backups.repoRoot);
  // Migrations run here too, so a worker that starts before the API finds its tables.
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'tasks',
    entities: [Task, TaskLog, Agent],
    migrations,
    logger,
  });
  await orm.close();
  const id = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const sql = new Sql(ownPool(config.DATABASE_URL, 'tasks'));
  await ensureBuiltInAgents(sql);
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const publisher = createRedis(
    config.REDIS_URL,
    '',
    { maxRetriesPerRequest: 20 },
    { logger, role: 'publisher' },
  );
  const queues = new TaskQueues({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    backoffMs: config.TASK_BACKOFF_MS,
    logger,
  });
  const journal = new TaskJournal(sql);
  const events = new TaskEvents(publisher, config.REDIS_PREFIX);
  const heartbeats = new Heartbeats(redis);
  const running = new Map<string, AbortController>();
  let pool: WorkerPool | undefined;
  const web = createWorkerHttp(
    logger,
    {
      database: () => sql.query('select 1'),
      redis: () => redis.ping(),
      queues: async () => {
        if (!pool?.isRunning()) throw new Error('queue workers are not running');
      },
    },
    () => running.size,
  );
  const { http } = web;
  const identity = new IdentityClient(config.IDENTITY_URL, config.INTERNAL_SECRET, config.CREATOR_CACHE_MS);
  const base44 = Base44Client.fromConfig(config, { logger, metrics: { registry: web.registry } });

  const system = createSystemAgent({
    services: {
      gateway: config.GATEWAY_URL,
      identity: config.IDENTITY_URL,
      channels: config.CHANNELS_URL,
      tasks: config.TASKS_URL,
      files: config.FILES_URL,
      observability: config.OBSERVABILITY_URL,
      webhooks: config.WEBHOOKS_URL,
    },
    workers: async () => (await heartbeats.live()).map((w) => ({ id: w.id, url: w.url })),
    sql: (q, p) => sql.query(q, p),
    redis,
    queueCounts: async () =>
      Object.fromEntries(
        await Promise.all(
          (pool?.agents() ?? []).map(async (a) => {
            const { waiting, active, delayed, failed } = await queues.counts(a);
            return [a, { waiting, active, delayed, failed }] as const;
          }),
        ),
      ),
    cleanQueues: (ms) => queues.clean(pool?.agents() ?? [], ms),
    retention: { taskDays: config.TASK_RETENTION_DAYS, logDays: config.TASK_LOG_RETENTION_DAYS },
    backups: {
      ...backups,
      databaseUrl: config.DATABASE_URL,
      timeoutMs: config.BACKUP_TIMEOUT_MS,
      onOutcome: (kind, err) => {
        web.metrics.backupRuns.inc({ kind, outcome: err ? 'failure' : 'success' });
        // An error line with its stack is what observability groups: a failing backup raises a group.
        if (err)
          logger.error({ err, kind }, `${kind === 'backup' ? 'backup' : 'backup verification'} failed`);
      },
    },
    base44: { client: base44, contact: (id) => identity.contact(id), marks: new SyncMarks(redis) },
  });
  const processor = createProcessor({
    sql,
    journal,
    events,
    outputs: new TaskOutputs(publisher, config.REDIS_PREFIX, config.TASK_OUTPUT_FLUSH_MS),
    runtimes: { system, research: researchAgent, content: contentAgent },
    persona: (name) => pool?.personas.get(name),
    http: new SafeHttp({
      allowPrivate: config.RESEARCH_ALLOW_PRIVATE_NETWORKS,
      maxBytes: config.RESEARCH_MAX_BYTES,
      timeoutMs: config.RESEARCH_TIMEOUT_MS,
    }),
    files: new FilesClient(config.FILES_URL, config.INTERNAL_SECRET, config.ANALYSIS_MAX_BYTES),
    tasks: new TasksClient(config.TASKS_URL, config.INTERNAL_SECRET),
    platform: new PlatformClient(
      { observability: config.OBSERVABILITY_URL, channels: config.CHANNELS_URL },
      config.INTERNAL_SECRET,
    ),
    authority: new RunAuthority(identity, new ChannelsClient(config.CHANNELS_URL, config.INTERNAL_SECRET)),
    llm: llm
      ? new LlmClient({ ...llm, timeoutMs: config.LLM_TIMEOUT_MS, maxRetries: config.LLM_MAX_RETRIES })
      : null,
    prices: config.LLM_PRICES,
    budgets: {
      userDailyTokens: config.LLM_USER_DAILY_TOKENS,
      agentDailyTokens: config.LLM_AGENT_DAILY_TOKENS,
    },
    taskTimeoutMs: config.TASK_TIMEOUT_MS,
    markRunningMs: config.TASK_MARK_RUNNING_MS,
    logger,
    running,
    onModelUsage: ({ agent, model, inputTokens, outputTokens, costUsd }) => {
      web.metrics.modelTokens.inc({ direction: 'input', agent, model }, inputTokens);
      web.metrics.modelTokens.inc({ direction: 'output', agent, model }, outputTokens);
      web.metrics.modelCost.inc({ agent, model }, costUsd);
    },
    onSettled: (task, ms) => {
      web.metrics.settled.inc({ agent: task.agent, type: task.type, status: task.status });
      web.metrics.duration.observe({ agent: task.agent, type: task.type }, ms / 1000);
    },
  });
  pool = new WorkerPool({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    sql,
    logger,
    concurrency: config.WORKER_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    processor,
    running,
    onAbandoned: (job, reason) => {
      if (!job.data.taskId) return;
      void journal
        .failOpen(
          [job.data.taskId],
          `lost in flight: ${reason}`,
          (job.data.attemptsBefore ?? 0) + job.attemptsStarted,
        )
        .then((failed) => Promise.all(failed.map((t) => events.settled(t))))
        .catch((err) => logger.error({ err, jobId: job.id }, 'could not fail an abandoned task'));
    },
  });
  await pool.start();
  await applyBackupSchedule(config.BACKUP_SCHEDULE, { sql, queues, events, logger });
  const reconciler = new Reconciler({
    sql,
    redis,
    queues,
    journal,
    events,
    logger,
    owner: id,
    intervalMs: config.RECONCILE_INTERVAL_MS,
    graceMs: config.RECONCILE_GRACE_MS,
    lostAfterMs: Math.max(config.WORKER_LOCK_MS * 4, 30_000),
    batch: config.RECONCILE_BATCH,
    onRecovered: (count) => web.metrics.recovered.inc(count),
  });
  reconciler.start();

  let url = '';
  const startedAt = new Date().toISOString();
  const liveness = new Liveness({
    id,
    heartbeats,
    redis,
    pool,
    logger,
    beatMs: config.WORKER_HEARTBEAT_MS,
    deadAfterMs: config.WORKER_DEAD_AFTER_MS,
    beat: () => ({
      id,
      pid: process.pid,
      host: hostname(),
      url,
      agents: pool?.agents() ?? [],
      running: running.size,
      processed: pool?.stats.processed ?? 0,
      failed: pool?.stats.failed ?? 0,
      startedAt,
      at: new Date().toISOString(),
    }),
    onHandedOver: (jobs) => {
      for (const job of jobs) web.metrics.handedOver.inc({ agent: job.agent });
    },
  });

  return {
    id,
    pool,
    reconciler,
    async listen(port = config.WORKER_PORT) {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, config.HOST, resolve);
      });
      const address = http.address();
      url = `http://${config.HOST}:${typeof address === 'object' && address ? address.port : port}`;
      await liveness.start();
      return url;
    },
    async stop() {
      web.setDraining();
      // It beats on while it drains: a silent worker's running tasks would be taken from it.
      liveness.retire();
      await reconciler.stop();
      await pool?.close(workerDrainMs(config));
      await liveness.stop();
      await journal.drain();
      await events.drain().catch(() => undefined);
      await heartbeats.remove(id).catch(() => undefined);
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await queues.close();
      await base44?.close();
      publisher.disconnect();
      redis.disconnect();
      await sql.close();
    },
  };
}
