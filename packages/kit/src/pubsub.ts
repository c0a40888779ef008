import { Repeater } from '@repeaterjs/repeater';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';
import type { Logger } from './logger.js';
import { createRedis } from './redis.js';

export interface EventBus {
  /** What type-graphql's `@Subscription({ topics })` reads from. */
  pubSub: PubSub;
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * Follows a topic (or one thing's `topic:id`): every event `keep` accepts, preceded by the state
   * `current` reads once the Redis subscription stands. A client that read a thing and then
   * subscribed would otherwise miss a change made between the two and wait forever; with the current
   * state first it cannot (a change seen twice is harmless, a change missed is not).
   */
  watch<T>(topic: string, options?: WatchOptions<T>): AsyncIterable<T>;
  close(): Promise<void>;
}

export interface WatchOptions<T> {
  id?: string;
  current?: () => Promise<T | null>;
  keep?: (event: T) => boolean;
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
    watch: <T>(topic: string, { id, current, keep }: WatchOptions<T> = {}) =>
      new Repeater<T>(async (push, stop) => {
        // Events that arrive while `current` reads wait until the state is pushed: the state comes first.
        let held: T[] | null = [];
        const subscription = await engine.subscribe(channel(topic, id), (event: T) => {
          if (keep && !keep(event)) return;
          if (held) held.push(event);
          else void push(event);
        });
        try {
          const now = current ? await current() : null;
          if (now !== null) await push(now);
          for (const event of held) await push(event);
          held = null;
        } catch (error) {
          stop(error);
        }
        await stop;
        engine.unsubscribe(subscription);
      }),
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
