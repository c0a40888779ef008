import { base44Env, baseEnv, loadConfig, z } from '@trae/kit';
import { CronExpressionParser } from 'cron-parser';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const int = (min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** A cron expression (UTC), or empty for "never". */
const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine(
      (v) => {
        if (!v) return true;
        try {
          CronExpressionParser.parse(v, { tz: 'UTC' });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'expected a cron expression such as "0 2 * * *", or empty for none' },
    );

export const tasksEnv = baseEnv
  .extend({
    PORT: int(0, 4003, 65535),
    /**
     * The worker's /health, /ready and /metrics. 0 picks a free port (several workers on one host). Unset,
     * a worker takes PORT (under `npm start` the launcher hands every process its port as PORT), else 4013.
     */
    WORKER_PORT: int(0, 4013, 65535),
    /** Jobs one worker process runs at once, per agent queue. */
    WORKER_CONCURRENCY: int(1, 20, 1000),
    /**
     * A job whose worker stops renewing its lock this long is handed to another worker (BullMQ's stalled
     * check: the fallback when a worker's heartbeat cannot tell, e.g. a hung process that still beats).
     */
    WORKER_LOCK_MS: int(1000, 30_000),
    WORKER_HEARTBEAT_MS: int(200, 1_000),
    /**
     * A worker whose heartbeat is this old is presumed dead (killed, crashed, its host gone): a live worker
     * hands its running tasks back to the queue at once. At least two beats, so one late beat is not death.
     */
    WORKER_DEAD_AFTER_MS: int(1000, 5_000),
    /**
     * How long a stopping worker lets running tasks finish before it hands them back to the queue (another
     * worker starts them at once). Must leave at least RELEASE_MARGIN_MS of SHUTDOWN_TIMEOUT_MS for that
     * hand-over and the rest of shutdown. Unset: SHUTDOWN_TIMEOUT_MS minus 3 s (or minus half, if shorter).
     */
    WORKER_DRAIN_MS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(0).optional(),
    ),
    TASK_DEFAULT_MAX_ATTEMPTS: int(1, 3, 25),
    /** First retry delay; each further retry doubles it. */
    TASK_BACKOFF_MS: int(0, 2_000),
    /** A running task is aborted (and may be retried) after this long. */
    TASK_TIMEOUT_MS: int(1000, 10 * 60_000),
    /**
     * A task still running this long is written as RUNNING in the database; shorter ones go from QUEUED to
     * their outcome in one write. Subscribers see RUNNING at once either way.
     */
    TASK_MARK_RUNNING_MS: int(0, 250, 60_000),
    /**
     * Streamed model text goes to `taskOutput(id)` subscribers at most once per this many ms (the first
     * piece at once), so a fast model's 1,000 tokens a second are ten messages.
     */
    TASK_OUTPUT_FLUSH_MS: int(10, 100, 5_000),
    /**
     * How long a worker trusts identity's answer about a task creator's role and disabled state before it
     * asks again; a demotion or a disable reaches runs after at most this long.
     */
    CREATOR_CACHE_MS: int(0, 5_000, 60_000),
    /** Shortest interval between two firings of a USER's schedule (ADMIN is not limited). */
    SCHEDULE_MIN_INTERVAL_SECONDS: int(1, 60),
    /** Active (PENDING) schedules a USER may hold at once (ADMIN is not limited). */
    SCHEDULE_MAX_ACTIVE_PER_USER: int(1, 20),
    /** How often the reconciler looks for tasks written but never enqueued, and tasks lost in flight. */
    RECONCILE_INTERVAL_MS: int(100, 10_000),
    /** A task must be this old before the reconciler touches it, so it never races a normal enqueue. */
    RECONCILE_GRACE_MS: int(0, 15_000),
    /**
     * Open tasks the reconciler checks for a lost job per pass. Every open task is checked within
     * ceil(open / batch) * RECONCILE_INTERVAL_MS (2,000 open tasks: 2 passes, 20 s by default).
     */
    RECONCILE_BATCH: int(10, 1_000, 100_000),
    /** A due task still waiting for a worker after this long counts as stranded (queueStats, health, metric). */
    TASK_STRANDED_AFTER_MS: int(1_000, 60_000),
    TASK_RETENTION_DAYS: int(1, 30),
    TASK_LOG_RETENTION_DAYS: int(1, 14),
    EXECUTE_DEFAULT_TIMEOUT_MS: int(100, 30_000),
    EXECUTE_MAX_TIMEOUT_MS: int(100, 5 * 60_000),
    /** OpenAI-compatible chat completions (Ollama, vLLM, OpenAI). Unset: the built-in template engine. */
    LLM_BASE_URL: optional.pipe(z.string().url().optional()),
    LLM_API_KEY: optional,
    LLM_MODEL: optional,
    /**
     * Without LLM_BASE_URL: OpenAI's own provider (@ai-sdk/openai) when this is set, else Anthropic's
     * (@ai-sdk/anthropic) with ANTHROPIC_API_KEY; LLM_MODEL or the provider's default model. The base URLs
     * point them at a proxy instead of the vendor.
     */
    OPENAI_API_KEY: optional,
    OPENAI_BASE_URL: optional.pipe(z.string().url().optional()),
    ANTHROPIC_API_KEY: optional,
    ANTHROPIC_BASE_URL: optional.pipe(z.string().url().optional()),
    LLM_TIMEOUT_MS: int(1000, 120_000),
    /** Retries of a model call answered 429 or 5xx (Retry-After is honoured) or not reached. */
    LLM_MAX_RETRIES: int(0, 2, 10),
    /**
     * US dollars per million tokens by model, JSON: {"gpt-4o-mini":{"input":0.15,"output":0.6},"*":{...}}.
     * Estimated cost per task and in `usage`; unset, costs read 0.
     */
    LLM_PRICES: z
      .string()
      .default('{}')
      .transform((v, ctx) => {
        const price = z.object({ input: z.number().min(0), output: z.number().min(0) }).strict();
        try {
          const parsed = z.record(z.string(), price).safeParse(JSON.parse(v || '{}'));
          if (parsed.success) return parsed.data;
        } catch {
          // reported below
        }
        ctx.addIssue({
          code: 'custom',
          message: 'expected JSON like {"model":{"input":0.15,"output":0.6}} (USD per million tokens)',
        });
        return z.NEVER;
      }),
    /** Tokens (in + out) one user's tasks may use per UTC day; 0 is no limit. */
    LLM_USER_DAILY_TOKENS: int(0, 0),
    /** Tokens one agent may use per UTC day, all users together; 0 is no limit. */
    LLM_AGENT_DAILY_TOKENS: int(0, 0),
    /** Fetching private, loopback and link-local addresses is refused unless this is true (tests, intranets). */
    RESEARCH_ALLOW_PRIVATE_NETWORKS: flag,
    RESEARCH_MAX_BYTES: int(1024, 2 * 1024 * 1024),
    RESEARCH_TIMEOUT_MS: int(100, 10_000),
    /** Largest file `data_analysis` reads from the files service. */
    ANALYSIS_MAX_BYTES: int(1024, 20 * 1024 * 1024),
    /**
     * When the workers back the platform up (cron, UTC; one run across all workers), then verify it and
     * prune past BACKUP_RETENTION_DAYS. Empty: no scheduled backups (`npm start` sets it empty unless given).
     */
    BACKUP_SCHEDULE: cron('0 2 * * *'),
    /** A backup or verify task's time limit (TASK_TIMEOUT_MS is for agent work; a large dump takes longer). */
    BACKUP_TIMEOUT_MS: int(60_000, 6 * 3_600_000),
    /** Attempts of one Base44 user sync (the queue's backoff between them) before it stays FAILED. */
    BASE44_SYNC_MAX_ATTEMPTS: int(1, 5, 25),
  })
  .extend(base44Env.shape);

export type TasksConfig = z.infer<typeof tasksEnv>;

/** Time SHUTDOWN_TIMEOUT_MS must keep after the drain: releasing unfinished jobs, flushing, closing. */
export const RELEASE_MARGIN_MS = 1_000;

const tasksConfig = tasksEnv.superRefine((c, ctx) => {
  if (c.WORKER_DEAD_AFTER_MS < 2 * c.WORKER_HEARTBEAT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['WORKER_DEAD_AFTER_MS'],
      message: `must be at least twice WORKER_HEARTBEAT_MS (${2 * c.WORKER_HEARTBEAT_MS}), or one late beat would pass for a dead worker`,
    });
  }
  if (c.WORKER_DRAIN_MS !== undefined && c.WORKER_DRAIN_MS > c.SHUTDOWN_TIMEOUT_MS - RELEASE_MARGIN_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['WORKER_DRAIN_MS'],
      message: `must be at most SHUTDOWN_TIMEOUT_MS - ${RELEASE_MARGIN_MS} (${c.SHUTDOWN_TIMEOUT_MS - RELEASE_MARGIN_MS}), or the process is killed before it hands its unfinished tasks back`,
    });
  }
});

/** The worker's drain: WORKER_DRAIN_MS, or what SHUTDOWN_TIMEOUT_MS leaves after a margin. */
export const workerDrainMs = (c: Pick<TasksConfig, 'WORKER_DRAIN_MS' | 'SHUTDOWN_TIMEOUT_MS'>) =>
  c.WORKER_DRAIN_MS ?? c.SHUTDOWN_TIMEOUT_MS - Math.min(3_000, Math.floor(c.SHUTDOWN_TIMEOUT_MS / 2));

export const loadTasksConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(tasksConfig, env);

/** A worker's config: WORKER_PORT, when unset, is PORT (see WORKER_PORT). */
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadTasksConfig({ ...env, WORKER_PORT: env.WORKER_PORT ?? env.PORT });
