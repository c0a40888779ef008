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
});
