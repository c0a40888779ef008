import { createLogger, type Logger, LogShipper, type LogShipperOptions } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';

/** A service's logger as the kit builds it, shipping to the test's stream. */
export function shippingLogger(
  prefix: string,
  service: string,
  options: Partial<LogShipperOptions> = {},
): { log: Logger; shipper: LogShipper } {
  const shipper = new LogShipper({ redisUrl: testRedisUrl(), prefix, service, ...options });
  const log = createLogger(service, 'trace', shipper);
  return { log, shipper };
}

/** A pino line as a service would have written it, at a chosen time. */
export function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ level: 30, time: new Date().toISOString(), service: 'tasks', msg: '', ...fields });
}

export function errorLine(
  service: string,
  type: string,
  message: string,
  frames: string[],
  extra: Record<string, unknown> = {},
): string {
  const stack = `${type}: ${message}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
  return line({ level: 50, service, msg: 'resolver failed', err: { type, message, stack }, ...extra });
}
