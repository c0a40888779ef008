import { type DestinationStream, type Logger, pino } from 'pino';
import { loadConfig, logEnv } from './config.js';
import { logDestination } from './log-shipping.js';
import { censorSecrets, scrubSecrets } from './redact.js';

export type { Logger };

/**
 * Every service's logger. Secrets are removed here, once, before a line reaches stdout or the
 * shipped stream that observability stores and serves: credential fields by name at any depth,
 * then credentials inside any text of the serialized line (signed URLs' query strings, bearer
 * tokens, JWTs, API keys, passwords in URLs).
 */
export function createLogger(
  service: string,
  level: string = loadConfig(logEnv).LOG_LEVEL,
  destination: DestinationStream | undefined = logDestination(service),
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: censorSecrets, bindings: censorSecrets },
      hooks: { streamWrite: scrubSecrets },
    },
    destination,
  );
}
