import { type Logger, pino } from 'pino';
import { logDestination } from './log-shipping.js';

export type { Logger };

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'password', '*.password', 'refreshToken'],
        remove: true,
      },
    },
    logDestination(service),
  );
}
