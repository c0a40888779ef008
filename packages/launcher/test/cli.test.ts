import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instancePort } from '../src/cluster.js';
import { freePort, freePorts, isPortFree } from '../src/ports.js';
import { processesMentioning } from './helpers.js';

/** Runs `npm start`'s code (built dist) on fixture services, as a separate process like a terminal would. */
const cli = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cli.mjs');

function launch(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const until = async (check: () => boolean, what: string, ms = 45_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('npm start (cli)', () => {
  let dir: string;
  let ports: { pg: number; redis: number; alpha: number; gateway: number };
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'launcher-cli-'));
    const [pg, redis, alpha, gateway] = await freePorts(4);
    ports = { pg, redis, alpha, gateway };
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  const env = () => ({
    TRAE_DATA_DIR: dir,
    EMBEDDED_PG_PORT: String(ports.pg),
    EMBEDDED_REDIS_PORT: String(ports.redis),
    ALPHA_PORT: String(ports.alpha),
    GATEWAY_PORT: String(ports.gateway),
    DATABASE_URL: '',
    REDIS_URL: '',
  });

  it('brings everything up, shows the first admin once, and leaves nothing running after Ctrl-C', async () => {
    const run = launch(env());
    child = run.child;

    await until(() => run.output().includes('Press Ctrl-C'), 'the platform');
    run.child.kill('SIGINT');
    const code = await run.exited;

    expect(run.output()).toMatch(/postgres ready on 127\.0\.0\.1:\d+ in [\d.]+s \(new cluster/);
    expect(run.output()).toContain(`TRAE.AI is up: http://localhost:${ports.gateway} (GraphQL at /graphql)`);
    expect(run.output().split('s3cret-pass').length).toBe(2);
    expect(run.output()).toContain('stopped in');
    expect(code).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
  }, 60_000);

  it('restarts a service and the embedded Redis killed with kill -9, then stops cleanly on Ctrl-C', async () => {
    const run = launch({ ...env(), DATABASE_URL: 'postgres://db.invalid/trae' });
    child = run.child;
    await until(() => run.output().includes('Press Ctrl-C'), 'the platform');
    const pidOf = async () =>
      Number(
        ((await (await fetch(`http://127.0.0.1:${ports.alpha}/env`)).json()) as Record<string, string>)
          .FIXTURE_PID,
      );
    const first = await pidOf();

    process.kill(first, 'SIGKILL');
    await until(() => run.output().includes('✔ alpha restarted'), 'alpha to come back', 20_000);
    // redis-server retitles itself `redis-server 127.0.0.1:<port>`.
    const redisPid = Number(processesMentioning(`127.0.0.1:${ports.redis}`)[0]?.trim().split(/\s+/)[0]);
    process.kill(redisPid, 'SIGKILL');
    await until(() => run.output().includes('✔ redis restarted'), 'redis to come back', 20_000);
    const second = await pidOf();
    run.child.kill('SIGINT');
    const code = await run.exited;

    expect(run.output()).toMatch(
      /↻ alpha was killed by SIGKILL; restarting in 0\.5s \(crash 1; gives up at 5 within 60s\)/,
    );
    expect(run.output()).toMatch(/↻ redis was killed by SIGKILL; restarting in 0\.5s/);
    expect(second).not.toBe(first);
    expect(code).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
  }, 60_000);

  it('gives up on a service that crashes at every restart, and stops everything with exit 1', async () => {
    const run = launch({
      ...env(),
      DATABASE_URL: 'postgres://db.invalid/trae',
      FIXTURE_CRASH_FILE: join(dir, 'alpha-crashed'),
    });
    child = run.child;

    await until(() => run.output().includes('Press Ctrl-C'), 'the platform');
    await fetch(`http://127.0.0.1:${ports.alpha}/crash`);
    const code = await run.exited;

    expect(run.output()).toContain('↻ alpha exited with code 3; restarting in 0.5s');
    expect(run.output().match(/↻ alpha /g)).toHaveLength(4);
    expect(run.output()).toContain(
      '✖ alpha crashed 5 times within 60s (last: could not start (alpha exited with code 2 before it was ready)); giving up',
    );
    expect(run.output()).toContain('stopping everything');
    expect(code).toBe(1);
    expect(processesMentioning(dir)).toEqual([]);
  }, 60_000);

  it('stops cleanly when Ctrl-C comes while services are still starting', async () => {
    const run = launch({ ...env(), FIXTURE_READY_DELAY_MS: '30000' });
    child = run.child;

    await until(() => run.output().includes('alpha   INFO listening'), 'alpha to listen');
    run.child.kill('SIGINT');
    const code = await run.exited;

    expect(code).toBe(0);
    expect(run.output()).not.toContain('TRAE.AI is up');
    expect(run.output()).toContain('stopped in');
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
  }, 60_000);

  it('leaves nothing running even when the launcher itself is killed with SIGKILL', async () => {
    const run = launch(env());
    child = run.child;

    await until(() => run.output().includes('Press Ctrl-C'), 'the platform');
    run.child.kill('SIGKILL');
    await run.exited;

    await until(() => processesMentioning(dir).length === 0, 'the watchdog to stop everything', 15_000);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
  }, 60_000);

  it('says in one line how to get Redis when there is none', async () => {
    const run = launch({ ...env(), PATH: '/nonexistent' });
    child = run.child;

    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output().trim()).toMatch(/^redis-server is not on your PATH: install it .* or set REDIS_URL/);
    expect(run.output().trim().split('\n')).toHaveLength(1);
  });

  it('runs two of each behind HAProxy with --replicas 2, restarts a killed instance, and stops it all on Ctrl-C', async () => {
    // A port whose instance ports (+100, +200) are free too.
    const spaced = async () => {
      for (;;) {
        const port = await freePort();
        const all = [port, instancePort(port, 1), instancePort(port, 2)];
        if (all.every((p) => p < 65_536) && (await Promise.all(all.map((p) => isPortFree(p)))).every(Boolean))
          return all;
      }
    };
    const [identity, gateway, stats] = [await spaced(), await spaced(), await freePort()];
    const run = launch(
      {
        ...env(),
        DATABASE_URL: 'postgres://db.invalid/trae',
        FIXTURE_SUBGRAPH: 'identity',
        IDENTITY_PORT: String(identity[0]),
        GATEWAY_PORT: String(gateway[0]),
        HAPROXY_STATS_PORT: String(stats),
      },
      ['--replicas', '2'],
    );
    child = run.child;
    await until(() => run.output().includes('Press Ctrl-C'), 'the cluster');
    const pidOf = async (port: number) =>
      ((await (await fetch(`http://127.0.0.1:${port}/env`)).json()) as Record<string, string>).FIXTURE_PID;
    const balanced = new Set<string>();
    for (let i = 0; i < 4; i++) balanced.add(await pidOf(gateway[0]));

    process.kill(Number(await pidOf(identity[2])), 'SIGKILL');
    await until(() => run.output().includes('✔ identity#2 restarted'), 'identity#2 to come back', 20_000);
    run.child.kill('SIGINT');
    const code = await run.exited;

    expect(run.output()).toContain('starting identity, gateway, 2 of each behind HAProxy');
    expect(run.output()).toContain(`TRAE.AI is up: http://localhost:${gateway[0]}`);
    expect(run.output()).toContain(
      `HAProxy in front of 2 instances of each service; its statistics: http://127.0.0.1:${stats}/stats`,
    );
    expect(run.output()).toMatch(/identity#1 INFO listening port=\d+/);
    expect(run.output()).toMatch(/↻ identity#2 was killed by SIGKILL; restarting in 0\.5s/);
    expect(balanced.size).toBe(2);
    expect(code).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of [...identity, ...gateway, stats, ports.pg, ports.redis])
      expect(await isPortFree(port)).toBe(true);
  }, 60_000);

  it('refuses a --replicas that is not a small whole number, in one line', async () => {
    const run = launch(env(), ['--replicas', 'two']);
    child = run.child;

    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output().trim()).toBe('--replicas must be a whole number from 1 to 9, got "two"');
  });
});
