import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_RESTARTS,
  type EmbeddedPg,
  freePort,
  type KeptRunning,
  keepRunning,
  type RestartEvent,
  startEmbeddedPostgres,
} from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type GqlResult, type Platform } from '../../support/platform.js';

const CLIENTS = 4;
const HEALTH = '{ systemHealth { components { name status history(last: 60) { status } } } }';
type Health = {
  systemHealth: { components: { name: string; status: string; history: { status: string }[] }[] };
};

/** One request of the stream: when it started and ended, and how it was answered. */
interface Call {
  op: string;
  start: number;
  end: number;
  /** What it wrote, when it was acknowledged. */
  id?: string;
  code?: string;
}

/** The launcher's embedded PostgreSQL killed with -9 under a steady stream of reads and writes. */
describe('fault: PostgreSQL killed and restarted', () => {
  let dir: string;
  let postgres: KeptRunning<EmbeddedPg>;
  let p: Platform;
  let admin: string;
  const restarts: RestartEvent[] = [];
  const calls: Call[] = [];
  let streaming = true;

  const ops: Record<
    string,
    () => Promise<{ id?: string; res: GqlResult<Record<string, { id: string }[] | { id: string }>> }>
  > = {
    createChannel: async () => {
      const res = await p.gql<{ createChannel: { id: string } }>(
        'mutation ($i: CreateChannelInput!) { createChannel(input: $i) { id } }',
        { i: { name: `stream ${calls.length}`, platform: 'BLOG' } },
        admin,
      );
      return { res, id: res.data?.createChannel.id };
    },
    createTask: async () => {
      const res = await p.gql<{ createTasks: { id: string }[] }>(
        'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }',
        { i: [{ agent: 'system', type: 'noop', input: { echo: calls.length } }] },
        admin,
      );
      return { res, id: res.data?.createTasks[0]?.id };
    },
    readChannels: async () => ({ res: await p.gql('{ channels(first: 5) { totalCount } }', {}, admin) }),
    readTasks: async () => ({ res: await p.gql('{ tasks(first: 5) { totalCount } }', {}, admin) }),
    readMe: async () => ({ res: await p.gql('{ me { id } }', {}, admin) }),
  };
  /** One client: one request after another, round the operations, until the scenario ends. */
  const client = async (offset: number) => {
    const names = Object.keys(ops);
    for (let i = offset; streaming; i++) {
      const op = names[i % names.length];
      const start = performance.now();
      const call: Call = { op, start, end: start };
      try {
        const { res, id } = await ops[op]();
        call.code = res.errors ? String(res.errors[0].extensions.code) : undefined;
        call.id = res.errors ? undefined : id;
      } catch (err) {
        call.code = `no answer: ${(err as Error).message}`;
      }
      call.end = performance.now();
      calls.push(call);
      if (call.code) await new Promise((r) => setTimeout(r, 50));
    }
  };
  const ready = async () => {
    const answers = await Promise.all(
      Object.values(p.services).map((url) =>
        fetch(`${url}/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    return answers.every((s) => s === 200);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trae-fault-pg-restart-'));
    const options = { dataDir: join(dir, 'postgres'), port: await freePort() };
    postgres = keepRunning(await startEmbeddedPostgres(options), {
      start: () => startEmbeddedPostgres(options),
      onRestart: (e) => restarts.push(e),
    });
    p = await bootPlatform(
      'faults-pg-restart',
      // The stream is one admin's; the edge's per-user rate limit is not under test here.
      { RATE_LIMIT_PER_MINUTE: '1000000', COST_BUDGET_PER_MINUTE: '1000000000' },
      { databaseUrl: postgres.current.url, restart: DEFAULT_RESTARTS, onRestart: (e) => restarts.push(e) },
    );
    admin = await p.login();
  });
  afterAll(async () => {
    streaming = false;
    await p?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, fails only requests of the outage, and records it in health', async () => {
    const stream = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    // Steady first: every operation has been answered a few times.
    await expect.poll(() => calls.length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(20);
    expect(calls.filter((c) => c.code)).toEqual([]);

    const killed = postgres.current.process.pid!;
    const killedAt = performance.now();
    process.kill(killed, 'SIGKILL');
    await expect
      .poll(() => restarts.some((e) => e.kind === 'restarted' && e.name === 'postgres'), {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(true);
    const pgBackMs = performance.now() - killedAt;
    expect(postgres.current.process.pid).not.toBe(killed);
    await expect.poll(ready, { timeout: 30_000, interval: 100 }).toBe(true);
    const readyMs = performance.now() - killedAt;
    // Every request started from here on must succeed.
    const recovered = performance.now();
    await new Promise((r) => setTimeout(r, 3_000));
    streaming = false;
    await stream;

    const failed = calls.filter((c) => c.code);
    expect(failed.every((c) => c.end >= killedAt && c.start < recovered)).toBe(true);
    expect(failed.filter((c) => c.code?.startsWith('no answer'))).toEqual([]);
    // An outage is retryable, not a bug: every failure says SERVICE_UNAVAILABLE.
    expect(failed.filter((c) => c.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(calls.filter((c) => c.start >= recovered && !c.code).length).toBeGreaterThan(10);

    // Acknowledged is durable: every write answered, before the kill or after it, is in the database.
    const db = new pg.Client({ connectionString: postgres.current.url });
    await db.connect();
    const written = async (table: string, op: string) => {
      const ids = calls.filter((c) => c.op === op && c.id).map((c) => c.id);
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from ${table} where id = any($1::uuid[])`,
        [ids],
      );
      return { acknowledged: ids.length, found: rows[0].n };
    };
    const channels = await written('channels.channels', 'createChannel');
    const tasks = await written('tasks.task_queue', 'createTask');
    await db.end();
    expect(channels.found).toBe(channels.acknowledged);
    expect(tasks.found).toBe(tasks.acknowledged);

    const health = await p.gql<Health>(HEALTH, {}, admin);
    const database = health.data?.systemHealth.components.find((c) => c.name === 'database');
    expect(database?.status).toBe('UP');
    expect(database?.history.map((h) => h.status)).toContain('DOWN');
    // The services reconnected by themselves: the launcher restarted PostgreSQL and nothing else.
    expect(restarts.filter((e) => e.kind === 'restarted').map((e) => e.name)).toEqual(['postgres']);
    const inFlight = failed.filter((c) => c.start < killedAt).length;
    const outage = failed.length ? Math.max(...failed.map((c) => c.end)) - killedAt : 0;
    console.log(
      `postgres kill -9: back in ${Math.round(pgBackMs)} ms, every service ready in ${Math.round(readyMs)} ms; ` +
        `${calls.length} requests, ${failed.length} failed (${inFlight} in flight at the kill, the rest sent in the ` +
        `${Math.round(outage)} ms outage; ${[...new Set(failed.map((c) => c.code))].join(', ')}); ` +
        `${channels.acknowledged + tasks.acknowledged} acknowledged writes all kept`,
    );
  }, 120_000);
});
