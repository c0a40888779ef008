import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';
import type { Logger } from './logger.js';
import { createRedis } from './redis.js';

export interface EventBus {
  /** What type-graphql's `@Subscription({ topics })` reads from. */
  pubSub: PubSub;
  publish(topic: string, payload: unknown): Promise<void>;
  close(): Promise<void>;
}

/**
 * Redis pub/sub for subscriptions and service events, so an event published by any instance reaches
 * subscribers on every instance. Channels carry the deployment prefix. A topic's Redis subscription
 * is shared by all local subscribers and released when the last one goes (graphql-redis-subscriptions
 * counts references), which is what keeps `PUBSUB NUMSUB` honest.
 */
export function createEventBus(redisUrl: string, prefix: string, logger?: Logger): EventBus {
  const log = (role: string) => logger && { logger, role };
  const publisher: Redis = createRedis(redisUrl, '', { enableAutoPipelining: true }, log('event-publisher'));
  const subscriber: Redis = createRedis(redisUrl, '', {}, log('event-subscriber'));
  const engine = new RedisPubSub({ publisher, subscriber });
  const channel = (topic: string, id?: unknown) =>
    `${prefix}${id === undefined || id === null ? topic : `${topic}:${String(id)}`}`;
  return {
    pubSub: {
      // type-graphql ignores the result; a failed publish (Redis gone, shutting down) must not become an
      // unhandled rejection that takes the process down.
      publish: (topic, payload) => {
        engine.publish(channel(topic), payload).catch(() => undefined);
      },
      subscribe: (topic, id) => engine.asyncIterableIterator(channel(topic, id)) as AsyncIterable<unknown>,
    },
    publish: (topic, payload) => engine.publish(channel(topic), payload),
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
