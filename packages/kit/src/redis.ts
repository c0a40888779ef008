import { Redis, type RedisOptions } from 'ioredis';

export { Redis };

/**
 * One ioredis connection. `keyPrefix` keeps deployments (and test runs) sharing a server apart;
 * pub/sub channels are not prefixed by ioredis, so callers use `channel()` for those.
 */
export function createRedis(url: string, prefix: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { keyPrefix: prefix, lazyConnect: false, enableAutoPipelining: true, ...options });
}

export const channelName = (prefix: string, name: string) => `${prefix}${name}`;
