import { z } from 'zod';

/** Secrets a production deployment must set itself: the value here is only a development default. */
const secrets = z.registry<{ development: string }>();
/** Shorter keys can be guessed or brute-forced offline (an HMAC key, a shared header value). */
export const MIN_SECRET_BYTES = 32;

/**
 * A secret with a development default. Under `NODE_ENV=production` loadConfig refuses it when it is
 * unset, equal to that default (anyone who read the source knows it) or shorter than 32 bytes.
 */
export function secret(development: string) {
  return z.string().min(16).default(development).register(secrets, { development });
}

const SWITCH_ON = ['true', '1', 'on', 'yes'];
const SWITCH_OFF = ['false', '0', 'off', 'no'];
/** A yes/no variable in any case; unset or empty is undefined, leaving the choice to the code. */
export const onOff = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const value = v?.toLowerCase();
    if (!value) return undefined;
    if (SWITCH_ON.includes(value)) return true;
    if (SWITCH_OFF.includes(value)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true/false, 1/0, on/off or yes/no' });
    return z.NEVER;
  });

/** An SMTP server's URL: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start), with a host. */
const smtpUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    // The message never repeats the value: it may carry the server's password.
    const url = URL.parse(v);
    if (url && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return v;
    ctx.addIssue({ code: 'custom', message: 'expected an smtp:// or smtps:// URL with a host' });
    return z.NEVER;
  });

/** One email address, bare or as `Name <address>` (MAIL_FROM, observability's ALERT_EMAIL_TO). */
export const MAIL_ADDRESS = /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;
/** MAIL_FROM's development default; production with email on must set its own (see `requireMail`). */
export const DEV_MAIL_FROM = 'TRAE.AI <no-reply@localhost>';

/** Variables every service reads. Services extend this with their own. */
export const baseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Lines also go to the Redis stream observability stores. Unset: on, except inside vitest. */
  LOG_SHIPPING: onOff,
  /** Approximate length of that stream; the oldest lines go first. */
  LOG_STREAM_MAXLEN: z.coerce.number().int().positive().default(100_000),
  /** Lines a process holds while Redis is slow or away; beyond them new lines are dropped and counted. */
  LOG_SHIPPING_BUFFER: z.coerce.number().int().positive().default(10_000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/trae'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel, so several deployments (or test runs) can share one server. */
  REDIS_PREFIX: z.string().default('trae:'),
  /** Where each service listens (base URL, no path). The gateway and the services find each other here. */
  GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000'),
  IDENTITY_URL: z.string().url().default('http://127.0.0.1:4001'),
  CHANNELS_URL: z.string().url().default('http://127.0.0.1:4002'),
  TASKS_URL: z.string().url().default('http://127.0.0.1:4003'),
  FILES_URL: z.string().url().default('http://127.0.0.1:4004'),
  OBSERVABILITY_URL: z.string().url().default('http://127.0.0.1:4005'),
  WEBHOOKS_URL: z.string().url().default('http://127.0.0.1:4006'),
  /**
   * Shared secret on service-to-service `/internal/*` calls (header `x-internal-auth`). The default is
   * for development only; production must set its own.
   */
  INTERNAL_SECRET: secret('trae-dev-internal-secret-change-me'),
  JWT_ISSUER: z.string().default('trae-identity'),
  JWT_AUDIENCE: z.string().default('trae-platform'),
  /**
   * While Redis (identity's revocation marks) is unreachable, access tokens are accepted on their
   * signature alone for at most this long after it was lost; then signed-in requests get
   * SERVICE_UNAVAILABLE until it returns. 0 refuses them at once.
   */
  REVOCATION_FAIL_OPEN_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * Apply the service's pending migrations, then exit 0 without serving: a release's migration Job
   * runs every subgraph so, once, before its replicas roll.
   */
  MIGRATE_ONLY: onOff,
  /**
   * Connections each database pool of a process may hold (the ORM's, and tasks' engine pool). The sum
   * over every replica must stay under the server's max_connections, or sit behind PgBouncer.
   */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** A client must send its headers within this long, and a request body (uploads aside) within the next. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * Where email goes (`smtp://user:password@host:587`, `smtps://…:465`; nodemailer's URL options such as
   * `?pool=true` apply). Unset: outside production each message is written to the log instead; in
   * production a feature that needs email refuses to boot (`requireMail`).
   */
  SMTP_URL: smtpUrl,
  MAIL_FROM: z
    .string()
    .trim()
    .regex(MAIL_ADDRESS, 'expected an address, or Name <address>')
    .default(DEV_MAIL_FROM),
  /** How long one email has to be handed to the SMTP server, connecting included. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    // A boot failure is about the environment, not our code: print the variables, not a stack trace.
    this.stack = `${this.name}: ${message}`;
  }
}

type Issue = { path: PropertyKey[]; message: string };

/** What a production deployment got wrong about its secrets (nothing outside production). */
function secretIssues(shape: z.ZodObject, env: NodeJS.ProcessEnv, nodeEnv: unknown): Issue[] {
  if (nodeEnv !== 'production') return [];
  const issues: Issue[] = [];
  for (const [name, schema] of Object.entries(shape.shape)) {
    const meta = secrets.get(schema as z.ZodType);
    if (!meta) continue;
    const value = env[name];
    if (!value) issues.push({ path: [name], message: 'required in production' });
    else if (value === meta.development) {
      issues.push({ path: [name], message: 'is the development default; production must set its own' });
    } else if (Buffer.byteLength(value) < MIN_SECRET_BYTES) {
      issues.push({ path: [name], message: `must be at least ${MIN_SECRET_BYTES} bytes in production` });
    }
  }
  return issues;
}

/**
 * Parses the environment once. A bad value fails at boot with the variable's name,
 * never later in a request.
 */
export function loadConfig<T extends z.ZodRawShape>(
  shape: z.ZodObject<T>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<z.ZodObject<T>>> {
  const result = shape.safeParse(env);
  const issues: Issue[] = result.success
    ? secretIssues(shape, env, (result.data as { NODE_ENV?: unknown }).NODE_ENV)
    : result.error.issues;
  if (issues.length) {
    const lines = issues.map((i) => `  ${i.path.map(String).join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data as z.infer<z.ZodObject<T>>);
}

export type BaseConfig = z.infer<typeof baseEnv>;

/**
 * What the kit's logging reads: every logger in a process shares one shipper, built before (or without)
 * the service's config, so it parses these itself, as strictly as the service does.
 */
export const logEnv = baseEnv.pick({
  LOG_LEVEL: true,
  LOG_SHIPPING: true,
  LOG_STREAM_MAXLEN: true,
  LOG_SHIPPING_BUFFER: true,
  REDIS_URL: true,
  REDIS_PREFIX: true,
});
export { z };
