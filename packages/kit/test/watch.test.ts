import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../src/pubsub.js';
import { testRedisPrefix, testRedisUrl } from '../src/testing/index.js';

interface Item {
  id: string;
  owner: string;
  step: number;
}

describe('EventBus.watch: the current state, then every change', () => {
  const prefix = testRedisPrefix('kit-watch');
  const bus = createEventBus(testRedisUrl(), prefix);
  const redis = new Redis(testRedisUrl());
  afterAll(async () => {
    await bus.close();
    redis.disconnect();
  });

  const subscribers = async (channel: string) =>
    Number(((await redis.pubsub('NUMSUB', `${prefix}${channel}`)) as [string, number])[1]);

  it('yields the state read after subscribing, so a change made during the read is not lost', async () => {
    // The change is published while `current` runs: a read-then-subscribe client would miss it.
    const current = async () => {
      await bus.publish('item.updated:a', { id: 'a', owner: 'u1', step: 2 });
      return { id: 'a', owner: 'u1', step: 1 };
    };
    const iterator = bus.watch<Item>('item.updated', { id: 'a', current })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ id: 'a', owner: 'u1', step: 1 });
    expect((await iterator.next()).value).toEqual({ id: 'a', owner: 'u1', step: 2 });
    expect(await subscribers('item.updated:a')).toBe(1);
    await iterator.return?.();
    await expect.poll(() => subscribers('item.updated:a')).toBe(0);
  });

  it('yields no state for a thing that is absent or not the caller’s, and drops events `keep` refuses', async () => {
    const mine = (item: Item) => item.owner === 'u1';
    const iterator = bus
      .watch<Item>('item.updated', { id: 'b', current: async () => null, keep: mine })
      [Symbol.asyncIterator]();
    const next = iterator.next();
    await expect.poll(() => subscribers('item.updated:b')).toBe(1);
    await bus.publish('item.updated:b', { id: 'b', owner: 'u2', step: 1 });
    await bus.publish('item.updated:b', { id: 'b', owner: 'u1', step: 2 });
    expect((await next).value).toEqual({ id: 'b', owner: 'u1', step: 2 });
    await iterator.return?.();
  });

  it('follows a whole topic without a current state', async () => {
    const iterator = bus
      .watch<Item>('item.updated', { keep: (item) => item.step > 1 })
      [Symbol.asyncIterator]();
    const next = iterator.next();
    await expect.poll(() => subscribers('item.updated')).toBe(1);
    await bus.publish('item.updated', { id: 'd', owner: 'u1', step: 1 });
    await bus.publish('item.updated', { id: 'd', owner: 'u1', step: 3 });
    expect((await next).value).toEqual({ id: 'd', owner: 'u1', step: 3 });
    await iterator.return?.();
    await expect.poll(() => subscribers('item.updated')).toBe(0);
  });

  it('ends the stream with the error when reading the current state fails', async () => {
    const iterator = bus
      .watch<Item>('item.updated', {
        id: 'c',
        current: async () => {
          throw new Error('database gone');
        },
      })
      [Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow('database gone');
    await expect.poll(() => subscribers('item.updated:c')).toBe(0);
  });
});
