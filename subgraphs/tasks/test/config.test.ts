import { describe, expect, it } from 'vitest';
import { loadTasksConfig, loadWorkerConfig, workerDrainMs } from '../src/config.js';

const env = (extra: Record<string, string>) => ({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  NODE_ENV: 'test',
  ...extra,
});

describe('tasks config', () => {
  it('drains a stopping worker for SHUTDOWN_TIMEOUT_MS minus a margin unless WORKER_DRAIN_MS says otherwise', () => {
    expect(workerDrainMs(loadTasksConfig(env({})))).toBe(7_000);
    expect(workerDrainMs(loadTasksConfig(env({ WORKER_DRAIN_MS: '' })))).toBe(7_000);
    expect(workerDrainMs(loadTasksConfig(env({ SHUTDOWN_TIMEOUT_MS: '2000' })))).toBe(1_000);
    expect(
      workerDrainMs(loadTasksConfig(env({ WORKER_DRAIN_MS: '4000', SHUTDOWN_TIMEOUT_MS: '5000' }))),
    ).toBe(4_000);
  });

  it('refuses a drain that leaves no time to hand unfinished tasks back, naming the variable', () => {
    expect(() => loadTasksConfig(env({ WORKER_DRAIN_MS: '9500' }))).toThrow(
      /WORKER_DRAIN_MS: must be at most SHUTDOWN_TIMEOUT_MS - 1000 \(9000\)/,
    );
    expect(() => loadTasksConfig(env({ WORKER_DRAIN_MS: '-1' }))).toThrow(/WORKER_DRAIN_MS/);
  });

  it('gives a worker PORT as its port when WORKER_PORT is unset (npm start), WORKER_PORT winning, else 4013', () => {
    expect(loadWorkerConfig(env({ PORT: '4999' })).WORKER_PORT).toBe(4999);
    expect(loadWorkerConfig(env({ PORT: '4999', WORKER_PORT: '0' })).WORKER_PORT).toBe(0);
    expect(loadWorkerConfig(env({})).WORKER_PORT).toBe(4013);
    expect(loadTasksConfig(env({ PORT: '4999' })).WORKER_PORT).toBe(4013);
    expect(() => loadWorkerConfig(env({ PORT: 'http' }))).toThrow(/WORKER_PORT/);
  });

  it('presumes a worker dead after five seconds without a beat, and refuses a limit under two beats', () => {
    const c = loadTasksConfig(env({}));
    expect([c.WORKER_HEARTBEAT_MS, c.WORKER_DEAD_AFTER_MS]).toEqual([1_000, 5_000]);
    expect(() => loadTasksConfig(env({ WORKER_HEARTBEAT_MS: '3000' }))).toThrow(
      /WORKER_DEAD_AFTER_MS: must be at least twice WORKER_HEARTBEAT_MS \(6000\)/,
    );
  });
});
