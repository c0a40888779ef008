import type { Logger } from '@trae/kit';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * A dedicated connection (BullMQ, pub/sub). ioredis reconnects by itself; the listener turns its
 * connection errors into warnings instead of "[ioredis] Unhandled error event" on stderr.
 */
export function redisConnection(
  url: string,
  logger: Logger,
  role: string,
  options: RedisOptions = {},
): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  redis.on('error', (err: Error) => logger.warn({ err: err.message, role }, 'redis connection error'));
  return redis;
}
