import { createEventBus, type EventBus } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusCache } from '../src/modules/cache/bus-cache.js';

const TOPIC = 'bus-cache-test.changed';
let buses: EventBus[];
let caches: BusCache<{ version: number }>[];

beforeAll(async () => {
  // Two instances of one deployment: two buses on the same prefix, a cache on each.
  const prefix = testRedisPrefix('webhooks-bus-cache');
  buses = [createEventBus(testRedisUrl(), prefix), createEventBus(testRedisUrl(), prefix)];
  caches = buses.map((bus) => new BusCache<{ version: number }>(bus, TOPIC, { ttlMs: 60_000, max: 100 }));
  await Promise.all(caches.map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all((buses ?? []).map((b) => b.close()));
});

describe('BusCache', () => {
  it('reuses a copy until any instance says the row changed, then every instance reads it again', async () => {
    // Arrange
    let row = { version: 1 };
    const loads = [0, 0];
    const read = (i: number) =>
      caches[i].get('a', async () => {
        loads[i]++;
        return { ...row };
      });
    await read(0);
    await read(1);

    // Act
    row = { version: 2 };
    const stale = await read(0);
    await caches[1].changed('a');

    // Assert
    expect(stale).toEqual({ version: 1 });
    await expect.poll(async () => (await read(0))?.version, { timeout: 5_000 }).toBe(2);
    expect(await read(1)).toEqual({ version: 2 });
    expect(loads).toEqual([2, 2]);
  });

  it('does not keep what a load read while the row was changing, nor unknown ids', async () => {
    let release = () => {};
    const slow = caches[0].get(
      'b',
      () => new Promise((resolve) => (release = () => resolve({ version: 1 }))),
    );
    await caches[0].changed('b');
    release();
    await slow;
    let loads = 0;

    await caches[0].get('b', async () => ({ version: ++loads + 1 }));
    await caches[0].get('missing', async () => null);
    const again = await caches[0].get('missing', async () => ({ version: 9 }));

    expect(loads).toBe(1);
    expect(again).toEqual({ version: 9 });
  });
});
