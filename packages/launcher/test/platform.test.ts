import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PlatformOptions, startPlatform } from '../src/platform.js';
import type { RestartEvent } from '../src/restarts.js';
import type { ServiceSpec } from '../src/services.js';
import type { ExitInfo } from '../src/supervisor.js';
import { alive } from './helpers.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = 'test/fixtures/service.mjs';
const subgraph = (name: string, mode = 'ok'): ServiceSpec => ({
  name,
  role: 'subgraph',
  entry,
  args: [mode],
  port: 1,
  ready: '/ready',
});
const gateway: ServiceSpec = { name: 'gateway', role: 'gateway', entry, port: 1, ready: '/health' };

const start = (registry: ServiceSpec[], extra: Partial<PlatformOptions> = {}) =>
  startPlatform({
    repoRoot,
    registry,
    databaseUrl: 'postgres://db.invalid/trae',
    redisUrl: 'redis://redis.invalid:6379',
    redisPrefix: 'test:',
    ports: 'random',
    output: 'silent',
    ...extra,
  });

const getJson = async (url: string) => (await fetch(url)).json() as Promise<Record<string, string>>;

describe('startPlatform', () => {
  it('waits for every service, wires the URLs, captures logs, and stops every process', async () => {
    const platform = await start([subgraph('alpha'), subgraph('beta'), gateway], { env: { EXTRA: 'x' } });
    const alphaEnv = await getJson(`${platform.urls.alpha}/env`);
    const gatewayEnv = await getJson(`${platform.gatewayUrl}/env`);

    await platform.stop();

    expect(gatewayEnv).toMatchObject({
      ALPHA_URL: platform.urls.alpha,
      BETA_URL: platform.urls.beta,
      PORT: new URL(platform.gatewayUrl).port,
      DATABASE_URL: 'postgres://db.invalid/trae',
      REDIS_URL: 'redis://redis.invalid:6379',
      REDIS_PREFIX: 'test:',
      EXTRA: 'x',
    });
    expect(alphaEnv.PORT).toBe(new URL(platform.urls.alpha).port);
    expect(platform.logs('alpha')).toMatch(/\d\d:\d\d:\d\d alpha\s+INFO listening port=\d+/);
    expect(platform.logs('alpha')).toMatch(/alpha\s+a plain text line/);
    expect(platform.logs('gateway')).toContain('shutting down');
    for (const env of [alphaEnv, gatewayEnv]) expect(alive(Number(env.FIXTURE_PID))).toBe(false);
  });

  it('names the service that died before it was ready, with its last lines, and stops the rest', async () => {
    const failing = start([subgraph('alpha'), subgraph('broken', 'crash-at-boot'), gateway]);

    await expect(failing).rejects.toMatchObject({
      service: 'broken',
      message: 'broken exited with code 2 before it was ready',
      lines: ['boom: cannot start'],
    });
  });

  it('reports a service that crashes after start-up', async () => {
    const exits: ExitInfo[] = [];
    const platform = await start([subgraph('alpha'), gateway], { onExit: (e) => exits.push(e) });

    await fetch(`${platform.urls.alpha}/crash`);
    await expect.poll(() => exits.length).toBe(1);
    await platform.stop();

    expect(exits[0]).toMatchObject({ name: 'alpha', code: 3, expected: false });
  });

  it("names a service's current pid, and the new one once a restart brought it back", async () => {
    const events: RestartEvent[] = [];
    const platform = await start([subgraph('alpha'), gateway], {
      restart: { maxCrashes: 3, windowMs: 60_000, backoffMs: 50, maxBackoffMs: 50 },
      onRestart: (e) => events.push(e),
    });
    const first = platform.pid('alpha');
    expect(first).toBe(Number((await getJson(`${platform.urls.alpha}/env`)).FIXTURE_PID));

    process.kill(first!, 'SIGKILL');
    await expect.poll(() => events.map((e) => e.kind), { timeout: 10_000 }).toContain('restarted');
    const second = platform.pid('alpha');
    const env = await getJson(`${platform.urls.alpha}/env`);
    await platform.stop();

    expect(second).not.toBe(first);
    expect(Number(env.FIXTURE_PID)).toBe(second);
    expect(platform.pid('nobody')).toBeUndefined();
  });

  it('kills a service that ignores SIGTERM once the stop timeout passes', async () => {
    const platform = await start([subgraph('alpha', 'stubborn'), gateway], { stopTimeoutMs: 500 });
    const { FIXTURE_PID } = await getJson(`${platform.urls.alpha}/env`);

    await platform.stop();

    expect(platform.logs('alpha')).toContain('ignoring SIGTERM');
    expect(alive(Number(FIXTURE_PID))).toBe(false);
  });

  it('gives up on a ready probe that never passes, quoting the last answer', async () => {
    const never: ServiceSpec = { ...subgraph('alpha'), ready: '/nope' };

    await expect(start([never], { readyTimeoutMs: 1_000 })).rejects.toThrow(
      /alpha was not ready after 1s \(GET http:\/\/127\.0\.0\.1:\d+\/nope answered 404\)/,
    );
  });

  it('refuses to start when an entry is not built', async () => {
    const missing: ServiceSpec = { ...gateway, entry: 'dist/nowhere.js' };

    await expect(start([missing])).rejects.toThrow('gateway is not built (dist/nowhere.js is missing)');
  });

  it('keeps the first admin and writes each service log to its own file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'launcher-logs-'));
    const platform = await start([subgraph('alpha', 'admin'), gateway], { output: { dir } });

    await platform.stop();
    const log = await readFile(join(dir, 'alpha.log'), 'utf8');
    await rm(dir, { recursive: true, force: true });

    expect(platform.firstAdmin).toEqual({
      username: 'admin',
      email: 'admin@example.com',
      password: 's3cret-pass',
    });
    expect(log).toContain('WARN first admin created username=admin email=admin@example.com password=***');
    expect(log).not.toContain('s3cret-pass');
  });
});

describe('startPlatform with replicas behind HAProxy', () => {
  const fast = { maxCrashes: 3, windowMs: 60_000, backoffMs: 50, maxBackoffMs: 50 };
  /** The names the real deploy/haproxy/haproxy.cfg has sections for, served by the fixture. */
  const registry = [subgraph('identity'), gateway];

  it('wires every service to its HAProxy frontend, balances over both instances, and loses no request to a kill -9', async () => {
    const events: RestartEvent[] = [];
    const platform = await start(registry, {
      replicas: 2,
      restart: fast,
      onRestart: (e) => events.push(e),
      env: { HAPROXY_RATE_LIMIT: '100000' },
    });
    const env = await getJson(`${platform.urls['gateway#1']}/env`);
    const viaHaproxy = await fetch(`${platform.gatewayUrl}/env`);
    const pids = new Set<string>();
    for (let i = 0; i < 4; i++) pids.add((await getJson(`${platform.urls.identity}/env`)).FIXTURE_PID);

    const killed = platform.pid('identity#1')!;
    process.kill(killed, 'SIGKILL');
    const answers: number[] = [];
    while (!events.some((e) => e.kind === 'restarted')) {
      answers.push((await fetch(`${platform.urls.identity}/env`)).status);
    }
    const haproxy = platform.pid('haproxy');
    await platform.stop();

    expect(env).toMatchObject({
      PORT: new URL(platform.urls['gateway#1']).port,
      GATEWAY_URL: platform.gatewayUrl,
      IDENTITY_URL: platform.urls.identity,
      HAPROXY_STATS_URL: platform.balancerStatsUrl,
      TRUST_PROXY: '1',
    });
    expect(platform.urls['identity#2']).not.toBe(platform.urls.identity);
    expect(viaHaproxy.headers.get('x-frame-options')).toBe('DENY');
    expect(viaHaproxy.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pids.size).toBe(2);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    expect(platform.pid('identity#1')).not.toBe(killed);
    for (const pid of [haproxy, ...[...pids].map(Number)]) expect(alive(pid)).toBe(false);
  });

  it('answers RATE_LIMITED from HAProxy past HAPROXY_RATE_LIMIT requests per address in 10 s', async () => {
    const platform = await start(registry, { replicas: 1, env: { HAPROXY_RATE_LIMIT: '5' } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${platform.gatewayUrl}/ready`)).status);
    const refused = await fetch(`${platform.gatewayUrl}/ready`);
    await platform.stop();

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toEqual({
      errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 10 } }],
    });
  });
});
