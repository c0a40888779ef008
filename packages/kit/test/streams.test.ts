import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRedis } from '../src/redis.js';
import { appendEvent, type ServiceEvent, startConsumer } from '../src/streams.js';
import { testRedisPrefix, testRedisUrl } from '../src/testing/index.js';

describe('service event streams', () => {
  const prefix = testRedisPrefix('streams');
  const producer = createRedis(testRedisUrl(), prefix);
  const raw = new Redis(testRedisUrl());
  afterAll(async () => {
    await raw.del(`${prefix}events:test`);
    producer.disconnect();
    raw.disconnect();
  });

  it('delivers under the prefix, survives a consumer restart and redelivers unacknowledged entries', async () => {
    const seen: ServiceEvent[] = [];
    let failOnce = true;
    const start = () =>
      startConsumer({
        redis: createRedis(testRedisUrl(), prefix),
        stream: 'events:test',
        group: 'g1',
        consumer: 'c1',
        logger: createLogger('t', 'silent'),
        blockMs: 100,
        handle: async (e) => {
          if (e.type === 'flaky' && failOnce) {
            failOnce = false;
            throw new Error('boom');
          }
          seen.push(e);
        },
      });
    let consumer = start();
    await appendEvent(producer, 'events:test', 'a', { n: 1 });
    await expect.poll(() => seen.length).toBe(1);
    expect(await raw.exists(`${prefix}events:test`)).toBe(1);

    await consumer.stop();
    await appendEvent(producer, 'events:test', 'b', { n: 2 });
    await appendEvent(producer, 'events:test', 'flaky', { n: 3 });
    consumer = start();
    await expect.poll(() => seen.map((e) => e.type)).toEqual(['a', 'b']);
    await consumer.stop();
    // The flaky entry stayed pending and is handled on the next start.
    consumer = start();
    await expect.poll(() => seen.map((e) => e.type)).toEqual(['a', 'b', 'flaky']);
    expect(seen[2].payload).toEqual({ n: 3 });
    await consumer.stop();
  });

  it('hands a whole read to handleBatch and acknowledges it; a failing batch is retried entry by entry', async () => {
    const batches: string[][] = [];
    const one: string[] = [];
    for (const type of ['x1', 'x2', 'bad', 'x3']) await appendEvent(producer, 'events:batch', type, { type });
    const consumer = startConsumer({
      redis: createRedis(testRedisUrl(), prefix),
      stream: 'events:batch',
      group: 'g2',
      consumer: 'c1',
      logger: createLogger('t', 'silent'),
      blockMs: 100,
      handleBatch: async (events) => {
        batches.push(events.map((e) => e.type));
        if (events.some((e) => e.type === 'bad')) throw new Error('one bad entry');
      },
      handle: async (e) => {
        if (e.type === 'bad') throw new Error('still bad');
        one.push(e.type);
      },
    });

    await expect.poll(() => one).toEqual(['x1', 'x2', 'x3']);
    await consumer.stop();

    expect(batches[0]).toEqual(['x1', 'x2', 'bad', 'x3']);
    const pending = (await raw.xpending(`${prefix}events:batch`, 'g2')) as [number, ...unknown[]];
    expect(pending[0]).toBe(1);
    await raw.del(`${prefix}events:batch`);
  });
});
