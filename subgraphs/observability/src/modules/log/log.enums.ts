import { registerEnumType } from 'type-graphql';

export enum LogLevel {
  TRACE = 'TRACE',
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARN = 'WARN',
  ERROR = 'ERROR',
  FATAL = 'FATAL',
}

registerEnumType(LogLevel, {
  name: 'LogLevel',
  description: 'pino levels. As a filter it is a minimum: WARN gives warnings, errors and fatals.',
});

/** pino's numbers, which is how levels are stored and compared. */
export const LEVEL_VALUE: Record<LogLevel, number> = {
  TRACE: 10,
  DEBUG: 20,
  INFO: 30,
  WARN: 40,
  ERROR: 50,
  FATAL: 60,
};

const BY_LABEL: Record<string, number> = Object.fromEntries(
  Object.entries(LEVEL_VALUE).map(([k, v]) => [k.toLowerCase(), v]),
);

/** The level a number falls in (custom levels round down to the nearest standard one). */
export function levelOf(value: number): LogLevel {
  const found = (Object.entries(LEVEL_VALUE) as [LogLevel, number][]).reverse().find(([, v]) => value >= v);
  return found ? found[0] : LogLevel.TRACE;
}

/** A line's level as pino writes it (a number) or as other loggers do (`"warn"`). */
export function levelValue(raw: unknown): number {
  if (typeof raw === 'number' && Number.isFinite(raw)) return Math.max(0, Math.min(100, Math.round(raw)));
  if (typeof raw === 'string') return BY_LABEL[raw.toLowerCase()] ?? LEVEL_VALUE.INFO;
  return LEVEL_VALUE.INFO;
}
