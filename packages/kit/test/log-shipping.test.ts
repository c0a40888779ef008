import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_STREAM, LogShipper, logShippingEnabled } from '../src/log-shipping.js';
import { testRedisPrefix, testRedisUrl } from '../src/testing/index.js';

const lines = async (redis: Redis, key: string) =>
  ((await redis.xrange(key, '-', '+')) as [string, string[]][]).map(([, f]) => JSON.parse(f[1]));

describe('log shipping', () => {
  const raw = new Redis(testRedisUrl());
  const prefixes: string[] = [];
  const shipper = (options: Partial<ConstructorParameters<typeof LogShipper>[0]> = {}) => {
    const prefix = testRedisPrefix('ship');
    prefixes.push(prefix);
    return {
      prefix,
      shipper: new LogShipper({ redisUrl: testRedisUrl(), prefix, service: 'svc', ...options }),
    };
  };
  afterAll(async () => {
    for (const p of prefixes) await raw.del(`${p}${LOG_STREAM}`);
    raw.disconnect();
  });

  it('is on by default, off inside vitest, and LOG_SHIPPING decides when set', () => {
    expect(logShippingEnabled({})).toBe(true);
    expect(logShippingEnabled({ VITEST: 'true' })).toBe(false);
    expect(logShippingEnabled({ VITEST: 'true', LOG_SHIPPING: 'true' })).toBe(true);
    expect(logShippingEnabled({ LOG_SHIPPING: 'false' })).toBe(false);
  });

  it('ships pino lines whole to the prefixed stream', async () => {
    const { prefix, shipper: s } = shipper();
    const log = pino({ base: { service: 'svc' } }, s);
    log.info({ reqId: 'r1' }, 'hello');
    log.error({ err: new Error('boom') }, 'failed');
    await s.flush();
    const got = await lines(raw, `${prefix}${LOG_STREAM}`);
    expect(got.map((l) => [l.level, l.msg, l.service])).toEqual([
      [30, 'hello', 'svc'],
      [50, 'failed', 'svc'],
    ]);
    expect(got[1].err.stack).toContain('boom');
    expect(s.stats()).toEqual({ shipped: 2, dropped: 0, buffered: 0 });
    await s.close();
  });

  it('stores each line byte for byte, one entry per write', async () => {
    const { prefix, shipper: s } = shipper();
    s.write('{"level":30,"msg":"a"}\n');
    s.write('{"level":30,"msg":"no newline"}');
    s.write('{"level":30,"msg":"b","text":"escaped \\n stays"}\n');
    await s.flush();
    const stored = (await raw.xrange(`${prefix}${LOG_STREAM}`, '-', '+')) as [string, string[]][];
    expect(stored.map(([, f]) => f[1])).toEqual([
      '{"level":30,"msg":"a"}\n',
      '{"level":30,"msg":"no newline"}\n',
      '{"level":30,"msg":"b","text":"escaped \\n stays"}\n',
    ]);
    await s.close();
  });

  it('drops and counts beyond its bound, then says so in the stream', async () => {
    const { prefix, shipper: s } = shipper({ bufferLines: 10 });
    for (let i = 0; i < 1000; i++) s.write(`{"level":30,"msg":"line ${i}"}\n`);
    expect(s.stats()).toMatchObject({ dropped: 990, buffered: 10 });
    await s.flush();
    const got = await lines(raw, `${prefix}${LOG_STREAM}`);
    expect(got).toHaveLength(11);
    expect(got.at(-1)).toMatchObject({ level: 40, service: 'svc', dropped: 990 });
    await s.close();
  });

  it('never blocks the caller while Redis is unreachable', async () => {
    const { shipper: s } = shipper({ redisUrl: 'redis://127.0.0.1:1', bufferLines: 1000 });
    const started = performance.now();
    for (let i = 0; i < 50_000; i++) s.write(`{"level":30,"msg":"line ${i}"}\n`);
    expect(performance.now() - started).toBeLessThan(500);
    await s.flush();
    expect(s.stats()).toMatchObject({ shipped: 0, buffered: 1000, dropped: 49_000 });
    await s.close();
  });

  it('keeps the stream near its MAXLEN', async () => {
    const { prefix, shipper: s } = shipper({ maxLen: 1000, bufferLines: 20_000 });
    for (let i = 0; i < 5000; i++) s.write(`{"level":30,"msg":"line ${i}"}\n`);
    await s.flush();
    const len = await raw.xlen(`${prefix}${LOG_STREAM}`);
    // `~` trims whole macro nodes (100 entries each by default), so the length stays near the cap.
    expect(len).toBeGreaterThanOrEqual(1000);
    expect(len).toBeLessThan(1200);
    await s.close();
  });
});
