import { hostname } from 'node:os';
import { base44Env, baseEnv, loadConfig, MAIL_ADDRESS, z } from '@trae/kit';

const ms = (fallback: number, min = 100) => z.coerce.number().int().min(min).default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `name=url,name=url`: the services to scrape and probe, replacing the default list. */
const targets = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    return v
      .split(',')
      .filter((s) => s.trim())
      .map((pair) => {
        const [name, url] = pair.split('=').map((s) => s.trim());
        if (!name || !url || !URL.canParse(url)) {
          ctx.addIssue({ code: 'custom', message: `expected name=url, got "${pair}"` });
          return { name: '', url: '' };
        }
        return { name, url: url.replace(/\/$/, '') };
      });
  });

/** `a@example.com, Ops <ops@example.com>`: one message per address. */
const recipients = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const list = (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const address of list)
      if (!MAIL_ADDRESS.test(address))
        ctx.addIssue({ code: 'custom', message: `expected email addresses, got "${address}"` });
    return list;
  });

export const observabilityEnv = baseEnv
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4005),
    /** With BACKUP_SCHEDULE set (tasks), systemHealth is DEGRADED when the newest good backup is older. */
    BACKUP_MAX_AGE_HOURS: z.coerce.number().positive().default(26),
    /** The tasks worker's own HTTP server (health, readiness, metrics); TASKS_WORKER_URL also works. */
    WORKER_URL: z.string().url().default('http://127.0.0.1:4013'),
    SCRAPE_TARGETS: targets,
    SCRAPE_INTERVAL_MS: ms(5_000),
    SCRAPE_TIMEOUT_MS: ms(2_000),
    HEALTH_INTERVAL_MS: ms(10_000),
    /** Raw samples (one per scrape); older charts read the 1-minute rollups. */
    METRICS_RAW_RETENTION_HOURS: count(24),
    METRICS_ROLLUP_RETENTION_DAYS: count(30),
    LOG_RETENTION_DAYS: count(7),
    HEALTH_RETENTION_HOURS: count(24),
    /** Resolved error groups not seen for this long are deleted; open ones are kept. */
    ERROR_RETENTION_DAYS: count(90),
    /** Resolved alerts and ended silences older than this are deleted. */
    ALERT_RETENTION_DAYS: count(90),
    RETENTION_INTERVAL_MS: ms(10 * 60_000),
    /** Entries read from the log stream per batch (one insert each). */
    LOG_BATCH_SIZE: count(2_000),
    /** This instance's consumer name in the `observability` group; stable across restarts. */
    LOG_CONSUMER_NAME: z.string().min(1).default(hostname()),
    /** Entries another consumer read but never acknowledged are taken over after this long. */
    LOG_CLAIM_IDLE_MS: ms(30_000),
    /** How often the alert rules are evaluated (on one instance at a time). */
    ALERT_EVAL_INTERVAL_MS: ms(15_000),
    /** Who gets alert emails (rules notifying EMAIL), comma-separated; unset, no alert email is sent. */
    ALERT_EMAIL_TO: recipients,
  })
  .extend(base44Env.shape);

export type ObservabilityConfig = z.infer<typeof observabilityEnv>;

/** The launcher names the worker `tasks-worker`, so under `npm start` its URL arrives as TASKS_WORKER_URL. */
export const loadObservabilityConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(observabilityEnv, { ...env, WORKER_URL: env.WORKER_URL || env.TASKS_WORKER_URL || undefined });
