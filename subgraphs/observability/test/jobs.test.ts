import { createLogger, createRedis } from '@trae/kit';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Jobs } from '../src/modules/job/jobs.js';

describe('periodic jobs across instances', () => {
  const prefix = testRedisPrefix('jobs');
  const redis = [createRedis(testRedisUrl(), prefix), createRedis(testRedisUrl(), prefix)];
  afterAll(async () => {
    await redis[0].del('jobs:scrape');
    for (const r of redis) r.disconnect();
  });

  it('runs each job on one instance at a time and fails over when it stops', async () => {
    const logger = createLogger('jobs', 'silent');
    const [a, b] = redis.map((r) => new Jobs(r, logger));
    const runs = { a: 0, b: 0 };
    a.every('scrape', 100, async () => void runs.a++);
    await new Promise((r) => setTimeout(r, 50));
    b.every('scrape', 100, async () => void runs.b++);
    await new Promise((r) => setTimeout(r, 700));
    expect(runs.a).toBeGreaterThanOrEqual(5);
    expect(runs.b).toBe(0);

    // Stopping releases the lease, so the other instance takes over on its next tick.
    await a.stop();
    const before = runs.a;
    await expect.poll(() => runs.b).toBeGreaterThanOrEqual(2);
    expect(runs.a).toBe(before);
    await b.stop();
    expect(await redis[0].exists('jobs:scrape')).toBe(0);
  });
});
