import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * Durable service events on Redis Streams (as opposed to pub/sub, which drops messages while a
 * consumer is down). Producers append; each consuming service reads through its own consumer group,
 * acknowledges after handling, and picks up what it missed after a restart. Handlers must be
 * idempotent: an entry is delivered again when a consumer dies before acknowledging it.
 */
export interface ServiceEvent<T = unknown> {
  id: string;
  type: string;
  payload: T;
}

/** Streams are capped (approximately) so a consumer that never comes back cannot fill Redis. */
export const DEFAULT_STREAM_MAXLEN = 100_000;

export async function appendEvent(
  redis: Redis,
  stream: string,
  type: string,
  payload: unknown,
  maxLen = DEFAULT_STREAM_MAXLEN,
): Promise<string> {
  return (await redis.xadd(
    stream,
    'MAXLEN',
    '~',
    String(maxLen),
    '*',
    'type',
    type,
    'payload',
    JSON.stringify(payload),
  )) as string;
}

export interface ConsumerOptions {
  /** A dedicated connection: XREADGROUP BLOCK holds it. */
  redis: Redis;
  stream: string;
  group: string;
  consumer: string;
  logger: Logger;
  handle(event: ServiceEvent): Promise<void>;
  /**
   * Handles a whole read (up to `batch` entries, in stream order) at once, for handlers that save
   * round trips that way. When it throws, each entry is handled alone with `handle`, so only the ones
   * that fail again stay pending.
   */
  handleBatch?(events: ServiceEvent[]): Promise<void>;
  blockMs?: number;
  /** Entries read (and acknowledged in one XACK) at a time. @default 100 */
  batch?: number;
  /** Entries pending longer than this on a dead consumer are claimed by a live one. */
  claimIdleMs?: number;
}

const toEvent = ([id, fields]: [string, string[]]): ServiceEvent => {
  const map = new Map<string, string>();
  for (let i = 0; i < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return { id, type: map.get('type') ?? '', payload: JSON.parse(map.get('payload') ?? 'null') };
};

export function startConsumer(options: ConsumerOptions): { stop(): Promise<void> } {
  const { redis, stream, group, consumer, logger } = options;
  let running = true;

  const handleOne = async (event: ServiceEvent): Promise<boolean> => {
    try {
      await options.handle(event);
      return true;
    } catch (err) {
      // Left pending: retried after a restart or claimed by another consumer.
      logger.error({ err, stream, id: event.id }, 'event handler failed');
      return false;
    }
  };

  /** The ids handled: all of them when the batch handler succeeds, else those `handle` took one by one. */
  const handleAll = async (events: ServiceEvent[]): Promise<string[]> => {
    if (options.handleBatch) {
      try {
        await options.handleBatch(events);
        return events.map((e) => e.id);
      } catch (err) {
        logger.warn({ err, stream, count: events.length }, 'event batch failed; handling one by one');
      }
    }
    const done: string[] = [];
    for (const event of events) if (await handleOne(event)) done.push(event.id);
    return done;
  };

  const handleEntries = async (entries: [string, string[]][]) => {
    const events: ServiceEvent[] = [];
    for (const entry of entries) {
      try {
        events.push(toEvent(entry));
      } catch (err) {
        // Not JSON: left pending like an entry whose handler fails.
        logger.error({ err, stream, id: entry[0] }, 'event handler failed');
      }
    }
    if (!events.length) return;
    const done = await handleAll(events);
    if (done.length) await redis.xack(stream, group, ...done);
  };

  const loop = async () => {
    // ioredis 6 prefixes XGROUP's key like any other (5 did not, and we added the prefix ourselves).
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM').catch((err: Error) => {
      if (!/BUSYGROUP/.test(err.message)) throw err;
    });
    // First what this consumer left unacknowledged, then what dead consumers left behind.
    const own = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', 1000, 'STREAMS', stream, '0')) as
      | [string, [string, string[]][]][]
      | null;
    if (own?.[0]) await handleEntries(own[0][1]);
    const claimed = (await redis.xautoclaim(
      stream,
      group,
      consumer,
      options.claimIdleMs ?? 60_000,
      '0',
      'COUNT',
      1000,
    )) as [string, [string, string[]][]];
    await handleEntries(claimed[1].filter((e) => e[1]));
    while (running) {
      const res = (await redis.xreadgroup(
        'GROUP',
        group,
        consumer,
        'COUNT',
        options.batch ?? 100,
        'BLOCK',
        options.blockMs ?? 2_000,
        'STREAMS',
        stream,
        '>',
      )) as [string, [string, string[]][]][] | null;
      if (res?.[0]) await handleEntries(res[0][1]);
    }
  };

  const done = loop().catch((err) => {
    if (running) logger.error({ err, stream, group }, 'event consumer stopped');
  });
  return {
    async stop() {
      running = false;
      redis.disconnect();
      await done;
    },
  };
}
