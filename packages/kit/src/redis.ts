import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';

export { Redis };

/** Where a connection reports its state changes, and what it is for (`publisher`, `worker:system`). */
export interface RedisLog {
  logger: Logger;
  role?: string;
}

/**
 * One ioredis connection. `keyPrefix` keeps deployments (and test runs) sharing a server apart;
 * pub/sub channels are not prefixed by ioredis, so callers use `channel()` for those. Every connection
 * made here has an error listener (see `watchRedis`), so ioredis never prints raw stacks to stderr.
 */
export function createRedis(url: string, prefix: string, options: RedisOptions = {}, log?: RedisLog): Redis {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    lazyConnect: false,
    enableAutoPipelining: true,
    ...options,
  });
  watchRedis(redis, log);
  return redis;
}

/** Per logger (a service), the connections now down and since when the first of them is. */
const outages = new WeakMap<Logger, { down: Set<Redis>; since: number }>();

/**
 * One line per change of Redis's state instead of one per retry (ioredis retries every few hundred ms,
 * and a dead Redis used to print a stack each time): a warning when the first of a service's
 * connections is lost or cannot be reached, and "reconnected after N s" once the last is ready again.
 * The others say so at debug. Without `log` errors are only absorbed.
 */
export function watchRedis(redis: Redis, log?: RedisLog): void {
  let isDown = false;
  let wasReady = false;
  const role = log?.role ?? 'redis';
  const down = (err?: Error) => {
    if (isDown) return;
    isDown = true;
    if (!log) return;
    const outage = outages.get(log.logger) ?? { down: new Set<Redis>(), since: Date.now() };
    if (outage.down.size === 0) outage.since = Date.now();
    outages.set(log.logger, outage);
    outage.down.add(redis);
    const reason = err && { message: err.message, code: (err as NodeJS.ErrnoException).code };
    log.logger[outage.down.size === 1 ? 'warn' : 'debug'](
      { role, err: reason },
      wasReady ? 'redis connection lost; reconnecting' : 'redis unreachable; retrying',
    );
  };
  redis.on('error', (err: Error) => down(err));
  // A clean server shutdown closes the socket without an error; the reconnect says it was lost.
  redis.on('reconnecting', () => {
    if (wasReady) down();
  });
  redis.on('ready', () => {
    wasReady = true;
    if (!isDown) return;
    isDown = false;
    const outage = log && outages.get(log.logger);
    if (!log || !outage) return;
    outage.down.delete(redis);
    const ms = Date.now() - outage.since;
    log.logger[outage.down.size === 0 ? 'info' : 'debug'](
      { role, downMs: ms },
      `redis reconnected after ${(ms / 1000).toFixed(1)} s`,
    );
  });
  // A connection closed for good while down must not hold the service's outage open.
  redis.on('end', () => {
    if (log) outages.get(log.logger)?.down.delete(redis);
  });
}

export const channelName = (prefix: string, name: string) => `${prefix}${name}`;

export class RedisUnavailable extends Error {
  constructor(reason: string) {
    super(`Redis unavailable: ${reason}`);
  }
}

/**
 * Runs `op` only while the connection is up, and within `timeoutMs`; otherwise rejects at once with
 * RedisUnavailable. For callers with a fallback: ioredis would queue the command offline and retry it
 * for seconds, holding the request that waits on it.
 */
export async function tryRedis<T>(redis: Redis, op: () => Promise<T>, timeoutMs = 1_000): Promise<T> {
  if (redis.status !== 'ready') throw new RedisUnavailable(`connection ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  const pending = op();
  // The command may still fail after we stopped waiting; nobody is left to hear it.
  pending.catch(() => undefined);
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisUnavailable(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
