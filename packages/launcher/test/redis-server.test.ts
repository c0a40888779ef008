import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/ports.js';
import { findOnPath, ping, REDIS_MISSING, startRedisServer } from '../src/redis-server.js';
import { alive } from './helpers.js';

describe('redis-server', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'launcher-redis-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts on the given port, answers, saves on stop and leaves no process', async () => {
    const port = await freePort();

    const redis = await startRedisServer({ port, dir });
    const client = new Redis(redis.url);
    await client.set('launcher-test', 'yes');
    const value = await client.get('launcher-test');
    client.disconnect();
    const pid = redis.process.pid;
    await redis.stop();

    expect(value).toBe('yes');
    expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
    expect(alive(pid)).toBe(false);
    expect(await ping(port)).not.toBe(true);
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
  });

  it('keeps an append-only file written every second, so a kill -9 loses at most a second of writes', async () => {
    const port = await freePort();
    const redis = await startRedisServer({ port, dir });
    const client = new Redis(redis.url);
    await client.set('before-the-crash', 'kept');
    const config = [await client.config('GET', 'appendonly'), await client.config('GET', 'appendfsync')];
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    client.disconnect();
    redis.process.signal('SIGKILL');
    await redis.process.exited;

    const again = await startRedisServer({ port, dir });
    const reader = new Redis(again.url);
    const value = await reader.get('before-the-crash');
    reader.disconnect();
    await again.stop();

    expect(config).toEqual([
      ['appendonly', 'yes'],
      ['appendfsync', 'everysec'],
    ]);
    expect(value).toBe('kept');
  });

  it('reports a port clash with redis’s own words', async () => {
    const port = await freePort();
    const first = await startRedisServer({ port, dir });

    const second = startRedisServer({ port, dir: join(dir, 'second') });

    await expect(second).rejects.toThrow(/redis exited with code 1 before it was ready/);
    await first.stop();
  });

  it('says how to get Redis when redis-server is not on the PATH', () => {
    expect(findOnPath('redis-server', '/nonexistent')).toBeNull();
    expect(findOnPath('redis-server')).toMatch(/redis-server$/);
    expect(REDIS_MISSING).toMatch(/apt install redis-server.*brew install redis.*REDIS_URL/);
  });
});
