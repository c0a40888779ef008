import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from '../src/redis.js';

const sparePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/** A private redis-server, so the test can kill it without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = createRedis(`redis://127.0.0.1:${port}`, '', {
    lazyConnect: true,
    retryStrategy: () => null,
  });
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      break;
    } catch (err) {
      if (i > 50) throw err;
      await sleep(100);
    }
  }
  probe.disconnect();
  return child;
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** A logger that keeps its lines. */
function capture() {
  const lines: { level: number; msg: string; role: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines, says: (text: string) => lines.filter((l) => l.msg.includes(text)).length };
}

describe('createRedis connection logging', () => {
  let server: ChildProcess | undefined;
  let redis: Redis | undefined;
  afterEach(async () => {
    redis?.disconnect();
    if (server && server.exitCode === null) await kill(server);
  });

  it('logs one line when Redis cannot be reached and one when it is lost, not one per retry', async () => {
    const port = await sparePort();
    const log = capture();
    let retries = 0;
    redis = createRedis(
      `redis://127.0.0.1:${port}`,
      '',
      {
        retryStrategy: () => {
          retries++;
          return 100;
        },
      },
      { logger: log.logger, role: 'test' },
    );
    await expect.poll(() => retries, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(log.lines).toMatchObject([{ level: 40, msg: 'redis unreachable; retrying', role: 'test' }]);

    server = await startRedis(port);
    await expect.poll(() => log.says('redis reconnected after'), { timeout: 10_000 }).toBe(1);
    expect(await redis.ping()).toBe('PONG');

    await kill(server);
    const before = retries;
    await expect.poll(() => retries - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(log.says('redis connection lost; reconnecting')).toBe(1);

    server = await startRedis(port);
    await expect.poll(() => log.says('redis reconnected after'), { timeout: 10_000 }).toBe(2);
    expect(log.lines.map((l) => l.msg.replace(/[\d.]+ s$/, 'N s'))).toEqual([
      'redis unreachable; retrying',
      'redis reconnected after N s',
      'redis connection lost; reconnecting',
      'redis reconnected after N s',
    ]);
  }, 60_000);

  it("says it once for all of a service's connections", async () => {
    const port = await sparePort();
    server = await startRedis(port);
    const log = capture();
    const connect = (role: string) =>
      createRedis(
        `redis://127.0.0.1:${port}`,
        '',
        { retryStrategy: () => 100 },
        { logger: log.logger, role },
      );
    const all = [connect('a'), connect('b'), connect('c')];
    redis = all[0];
    await Promise.all(all.map((r) => r.ping()));

    await kill(server);
    await expect.poll(() => log.lines.length, { timeout: 10_000 }).toBe(3);
    server = await startRedis(port);
    await expect.poll(() => log.lines.length, { timeout: 10_000 }).toBe(6);
    for (const r of all) r.disconnect();
    const atInfo = log.lines.filter((l) => l.level >= 30).map((l) => l.msg.replace(/[\d.]+ s$/, 'N s'));
    expect(atInfo).toEqual(['redis connection lost; reconnecting', 'redis reconnected after N s']);
  }, 60_000);
});
