import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepRunning } from '../src/keep-running.js';
import { freePort } from '../src/ports.js';
import { ping, startRedisServer } from '../src/redis-server.js';
import type { RestartEvent } from '../src/restarts.js';
import { alive } from './helpers.js';

const POLICY = { maxCrashes: 5, windowMs: 60_000, backoffMs: 1_000, maxBackoffMs: 5_000 };

/** A real redis-server stands for the embedded infrastructure: it starts in milliseconds. */
describe('keepRunning', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'launcher-keep-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts it again on the same port after a kill -9, and a stop during the backoff starts nothing', async () => {
    const port = await freePort();
    const start = () => startRedisServer({ port, dir });
    const events: RestartEvent[] = [];
    const kept = keepRunning(await start(), {
      start,
      policy: POLICY,
      onRestart: (e) => events.push(e),
    });
    const first = kept.current.process.pid;

    process.kill(first!, 'SIGKILL');
    await expect
      .poll(() => events.map((e) => e.kind), { timeout: 10_000 })
      .toEqual(['restarting', 'restarted']);
    const second = kept.current.process.pid;
    expect(second).not.toBe(first);
    expect(await ping(port)).toBe(true);

    // The second crash waits 2 s before its restart; stopping now must not wait for it, or start one.
    process.kill(second!, 'SIGKILL');
    await expect.poll(() => events.length).toBe(3);
    const stopping = performance.now();
    await kept.stop();
    expect(performance.now() - stopping).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(events.map((e) => e.kind)).toEqual(['restarting', 'restarted', 'restarting']);
    expect(alive(second)).toBe(false);
    expect(await ping(port)).not.toBe(true);
  }, 30_000);
});
