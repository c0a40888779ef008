import { z } from 'zod';

/** Variables every service reads. Services extend this with their own. */
export const baseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  /**
   * Shared secret on service-to-service `/internal/*` calls (header `x-internal-auth`). The default is
   * for development only; production must set its own.
   */
  INTERNAL_SECRET: z.string().min(16).default('trae-dev-internal-secret-change-me'),
  JWT_ISSUER: z.string().default('trae-identity'),
  JWT_AUDIENCE: z.string().default('trae-platform'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export class ConfigError extends Error {}

/**
 * Parses the environment once. A bad value fails at boot with the variable's name,
 * never later in a request.
 */
export function loadConfig<T extends z.ZodRawShape>(
  shape: z.ZodObject<T>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<z.ZodObject<T>>> {
  const result = shape.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

export type BaseConfig = z.infer<typeof baseEnv>;
export { z };
