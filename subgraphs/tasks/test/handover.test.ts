import { setTimeout as sleep } from 'node:timers/promises';
import { testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handOverJobs } from '../src/modules/engine/handover.js';
import { Heartbeats, type WorkerBeat } from '../src/modules/engine/heartbeats.js';
import { steadyEnough } from '../src/modules/engine/liveness.js';
import { bullPrefix, DEDICATED_CONNECTION } from '../src/modules/engine/queues.js';
import { deleteKeys } from './setup.js';

const LOCK_MS = 30_000;

/** The hand-over of a dead worker's jobs, on real BullMQ workers in one Redis (no processes killed). */
describe('hand-over of a dead worker', () => {
  const prefix = testRedisPrefix('handover');
  const plain = new Redis(testRedisUrl());
  const connections: Redis[] = [];
  const workers: Worker[] = [];
  let queue: Queue;

  const connect = () => {
    const c = new Redis(testRedisUrl(), DEDICATED_CONNECTION);
    connections.push(c);
    return c;
  };
  const worker = (processor: (job: Job) => Promise<unknown>, concurrency = 1) => {
    const w = new Worker('system', processor, {
      connection: connect(),
      prefix: bullPrefix(prefix),
      concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS,
    });
    workers.push(w);
    return w;
  };
  const held = () => new Promise<never>(() => undefined);
  const lock = (jobId: string) => plain.get(`${bullPrefix(prefix)}:system:${jobId}:lock`);
  const add = (jobId: string) => queue.add('task', { taskId: jobId }, { jobId, priority: 50 });
  const active = async () => (await queue.getActive()).map((j) => j.id).sort();

  beforeAll(() => {
    queue = new Queue('system', { connection: connect(), prefix: bullPrefix(prefix) });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    await queue.close();
    await deleteKeys(plain, prefix);
    for (const c of connections) c.disconnect();
    plain.disconnect();
  });

  it('moves back only the jobs the dead worker holds; another worker starts them at once, counted', async () => {
    // The dead worker holds two jobs and stops renewing their locks (as a killed process would, its
    // locks live on for LOCK_MS); a live worker holds a third.
    const dead = worker(held, 2);
    await add('a');
    await add('c');
    await expect.poll(active, { timeout: 5_000 }).toEqual(['a', 'c']);
    await dead.close(true);
    const live = worker(held);
    await add('b');
    await expect.poll(active, { timeout: 5_000 }).toEqual(['a', 'b', 'c']);
    const liveToken = await lock('b');
    expect(liveToken?.startsWith(`${live.id}:`)).toBe(true);
    // `c` has been handed over twice before: this third time, it is failed (it may be what kills workers).
    await plain.hset(`${bullPrefix(prefix)}:system:c`, 'stc', 2);

    const started: { id: string; attemptsStarted: number; at: number }[] = [];
    const taker = worker(async (job) => {
      started.push({ id: job.id!, attemptsStarted: job.attemptsStarted, at: Date.now() });
    });
    const failed: { id: string; reason: string }[] = [];
    taker.on('failed', (job, err) => failed.push({ id: job!.id!, reason: err.message }));
    await taker.waitUntilReady();
    // Idle long enough to sleep in its blocking fetch: only the marker can wake it before its drain delay.
    await sleep(300);

    const at = Date.now();
    const moved = await handOverJobs(connect(), taker, dead.id, 2);
    expect(moved.sort((x, y) => x.jobId.localeCompare(y.jobId))).toEqual([
      { agent: 'system', jobId: 'a', taskId: 'a', failing: false },
      { agent: 'system', jobId: 'c', taskId: 'c', failing: true },
    ]);
    await expect.poll(() => started.length, { timeout: 3_000, interval: 20 }).toBe(1);
    expect(started[0]).toMatchObject({ id: 'a', attemptsStarted: 2 });
    expect(started[0].at - at).toBeLessThan(1_000);
    await expect
      .poll(() => failed, { timeout: 3_000 })
      .toEqual([{ id: 'c', reason: 'job stalled more than allowable limit' }]);
    expect(await queue.getJobState('a')).toBe('completed');

    // The live worker's job was left alone, and a second pass finds nothing more.
    expect(await lock('b')).toBe(liveToken);
    expect(await active()).toEqual(['b']);
    expect(await handOverJobs(connect(), taker, dead.id, 2)).toEqual([]);
    expect(await handOverJobs(connect(), taker, 'someone-else', 2)).toEqual([]);
    expect(await lock('b')).toBe(liveToken);
  });
});

describe('heartbeats of dead workers', () => {
  const prefix = testRedisPrefix('beats');
  const plain = new Redis(testRedisUrl());
  const prefixed = new Redis(testRedisUrl(), { keyPrefix: prefix });
  const beats = new Heartbeats(prefixed);
  const beat = (id: string): WorkerBeat => ({
    id,
    pid: 1,
    host: 'h',
    url: '',
    agents: ['system'],
    running: 0,
    processed: 0,
    failed: 0,
    startedAt: '',
    at: '',
  });

  afterAll(async () => {
    await deleteKeys(plain, prefix);
    plain.disconnect();
    prefixed.disconnect();
  });

  it('lets exactly one live worker take a worker whose beat expired, and forgets it after', async () => {
    expect(await beats.beat(beat('w1'), 300, { system: 'bull-1' })).toBe(true);
    expect(await beats.beat(beat('w1'), 300, { system: 'bull-1' })).toBe(false);
    expect(await beats.lapsed('w2')).toEqual([]);
    expect(await beats.claim('w1', 'w2', 5_000)).toBeNull();

    await expect.poll(() => beats.lapsed('w2'), { timeout: 3_000, interval: 50 }).toEqual(['w1']);
    expect(await beats.lapsed('w1')).toEqual([]);
    const claims = await Promise.all(['w2', 'w3', 'w4'].map((by) => beats.claim('w1', by, 5_000)));
    expect(claims.filter((c) => c !== null)).toEqual([{ system: 'bull-1' }]);
    expect(await plain.get(`${prefix}worker:w1:reaping`)).toMatch(/^w[234]$/);

    expect(await beats.forget('w1')).toBe(true);
    expect(await beats.lapsed('w2')).toEqual([]);
    expect(await plain.hexists(`${prefix}workers:locks`, 'w1')).toBe(0);
    expect(await beats.claim('w1', 'w2', 5_000)).toBeNull();
  });

  it('keeps a worker that beats again while it is being taken (it was only slow)', async () => {
    await beats.beat(beat('slow'), 200, { system: 'bull-2' });
    await expect.poll(() => beats.lapsed('w2'), { timeout: 3_000, interval: 50 }).toEqual(['slow']);
    expect(await beats.claim('slow', 'w2', 5_000)).toEqual({ system: 'bull-2' });
    // Its next beat finds its index entry still there; it is live, and stays listed.
    expect(await beats.beat(beat('slow'), 5_000, { system: 'bull-2' })).toBe(false);
    expect(await beats.forget('slow')).toBe(false);
    expect((await beats.live()).map((b) => b.id)).toEqual(['slow']);
    expect(await beats.claim('slow', 'w2', 5_000)).toBeNull();
    await beats.remove('slow');
    expect(await plain.hexists(`${prefix}workers:locks`, 'slow')).toBe(0);
  });
});

describe('when a silent worker counts as dead', () => {
  const deadAfterMs = 5_000;
  const now = 1_000_000;

  it('only once Redis has been up, and this worker beating steadily, for the whole limit', () => {
    const at = (steadySince: number | undefined, redisStartedAt: number) =>
      steadyEnough({ now, steadySince, redisStartedAt, deadAfterMs });
    // Steady all along (a fresh process has seen no trouble): Redis's uptime decides.
    expect(at(undefined, now - 3_600_000)).toBe(true);
    // Redis restarted 2 s ago: every beat expired with it, and live workers are still reconnecting.
    expect(at(undefined, now - 2_000)).toBe(false);
    // This worker lost Redis until 1 s ago: the others may have too.
    expect(at(now - 1_000, now - 3_600_000)).toBe(false);
    expect(at(now - deadAfterMs, now - 3_600_000)).toBe(true);
  });
});
