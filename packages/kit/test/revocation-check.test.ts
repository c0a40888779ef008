import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRedis, type Redis } from '../src/redis.js';
import { RevocationCheck, revocationKeys } from '../src/revocation.js';
import { testRedisPrefix } from '../src/testing/index.js';

/** A private redis-server this test may kill: the shared one on 6379 belongs to everyone. */
function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Log lines as pino writes them, to count how often each state change is told. */
function capture() {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, messages: (level: number) => lines.filter((l) => l.level === level).map((l) => l.msg) };
}

const user = { id: 'user-1', role: 'USER' as const, sessionId: 'session-1', issuedAt: 1 };

describe('revocation checks while Redis is unreachable', () => {
  let port: number;
  let server: ChildProcess;
  let redis: Redis;

  beforeAll(async () => {
    port = await freePort();
    server = startRedis(port);
    redis = createRedis(`redis://127.0.0.1:${port}`, testRedisPrefix('revocation-check'));
    // The killed server makes ioredis report errors; the check, not this listener, is under test.
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(() => {
    redis.disconnect();
    server.kill('SIGKILL');
  });

  it('accepts tokens on their signature for the window only, refuses after it, and recovers', async () => {
    const log = capture();
    const check = new RevocationCheck(redis, { logger: log.logger, failOpenSeconds: 2 });
    await redis.set(revocationKeys.session('session-1'), '1');
    expect(await check.isRevoked(user)).toBe(true);

    server.kill('SIGKILL');
    await expect.poll(() => redis.status, { timeout: 5_000 }).not.toBe('ready');
    const started = performance.now();
    for (let i = 0; i < 3; i++) expect(await check.isRevoked({ ...user, sessionId: 'other' })).toBe(false);
    // No request waits on ioredis' offline queue.
    expect(performance.now() - started).toBeLessThan(500);
    expect(await check.isRevoked({ id: null, role: 'GUEST' })).toBe(false);

    await new Promise((r) => setTimeout(r, 2_100));
    for (let i = 0; i < 2; i++)
      await expect(check.isRevoked(user)).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
      });

    server = startRedis(port);
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    await redis.set(revocationKeys.session('session-1'), '1');
    expect(await check.isRevoked(user)).toBe(true);
    expect(log.messages(40)).toEqual([
      'revocation checks unavailable: tokens are accepted on their signature alone for a bounded window',
    ]);
    expect(log.messages(50)).toEqual([
      'revocation checks still unavailable: signed-in requests are refused until Redis returns',
    ]);
    expect(log.messages(30)).toEqual(['revocation checks restored']);
  });

  it('counts the window from when the connection was lost, and 0 fails closed at once', async () => {
    const log = capture();
    const lenient = new RevocationCheck(redis, { logger: log.logger, failOpenSeconds: 1 });
    const closed = new RevocationCheck(redis, { logger: log.logger, failOpenSeconds: 0 });
    server.kill('SIGKILL');
    await expect.poll(() => redis.status, { timeout: 5_000 }).not.toBe('ready');
    await expect(closed.isRevoked(user)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });

    // No request came during the outage's first second: the first one after it is refused anyway.
    await new Promise((r) => setTimeout(r, 1_100));
    await expect(lenient.isRevoked(user)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });

    server = startRedis(port);
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    expect(await lenient.isRevoked({ ...user, sessionId: 'fresh' })).toBe(false);
  });
});
