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
