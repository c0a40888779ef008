import { type ChildProcess, spawn } from 'node:child_process';
import { blockDatabase } from '@trae/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Harness, startObservability } from './setup.js';

const HEALTH = `query ($last: Int!) { systemHealth { status components {
  name status error uptime history(last: $last) { status } } } }`;
type Health = {
  systemHealth: {
    status: string;
    components: { name: string; status: string; error: string | null; history: { status: string }[] }[];
  };
};

/** A private redis-server this test may kill: the shared one on 6379 belongs to everyone. */
const startRedis = (port: number): ChildProcess =>
  spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });

describe('system health during outages', () => {
  let h: Harness;
  let redisPort: number;
  let redis: ChildProcess;
  const health = async (last = 60) => {
    const r = await h.gql<Health>(HEALTH, { last }, h.admin);
    return {
      ...r,
      byName: Object.fromEntries((r.data?.systemHealth.components ?? []).map((c) => [c.name, c])),
    };
  };

  beforeAll(async () => {
    redisPort = await freePort();
    redis = startRedis(redisPort);
    await new Promise((r) => setTimeout(r, 300));
    h = await startObservability({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  });
  afterAll(async () => {
    await blockDatabase(h.db.url, false);
    await h.stop();
    redis.kill('SIGKILL');
  });

  it('answers from its last probes with the database down, and writes them once it is back', async () => {
    expect((await health()).byName.database.status).toBe('UP');

    await blockDatabase(h.db.url, true);
    await h.obs.services.health.probeAndRecord();
    const during = await health();
    expect(during.errors).toBeUndefined();
    expect(during.data?.systemHealth.status).toBe('UNHEALTHY');
    expect(during.byName.database).toMatchObject({ status: 'DOWN', error: expect.any(String) });
    expect(during.byName.redis.status).toBe('UP');
    expect(during.byName.observability.history.length).toBeGreaterThanOrEqual(2);

    await blockDatabase(h.db.url, false);
    await expect
      .poll(async () => (await health()).byName.database?.status, { timeout: 15_000, interval: 500 })
      .toBe('UP');
    await h.obs.services.health.probeAndRecord();
    // Read from the table again: the round probed during the outage was kept and written afterwards.
    expect((await health(3)).byName.database.history.map((s) => s.status)).toContain('DOWN');
  });

  it('records a 2 s Redis blip in the history, between two probe rounds', async () => {
    expect((await health()).byName.redis.status).toBe('UP');
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 2_000));
    redis = startRedis(redisPort);
    await expect
      .poll(async () => (await health()).byName.redis?.status, { timeout: 15_000, interval: 500 })
      .toBe('UP');
    // Newest first: up again now, down during the blip, up before it.
    const statuses = (await health()).byName.redis.history.map((s) => s.status);
    const down = statuses.indexOf('DOWN');
    expect(down).toBeGreaterThan(0);
    expect(statuses.slice(down)).toContain('UP');
    // Recorded by the connection's own event, though no probe ran during the blip.
    const lost = `select 1 from health_checks where component = 'redis' and error = 'connection lost'`;
    expect(await h.obs.services.sql.query(lost)).toHaveLength(1);
  }, 40_000);

  it('records a PostgreSQL restart between two probe rounds, from its own connection dropping', async () => {
    expect((await health()).byName.database.status).toBe('UP');
    // The first test's outage ended every session too, and was recorded the same way.
    const lost = `select 1 from health_checks where component = 'database' and error = 'connection lost'`;
    const before = (await h.obs.services.sql.query(lost)).length;

    // What a restart does to every session: the server ends them. No probe runs here (background off).
    const admin = new pg.Client({ connectionString: h.db.url });
    await admin.connect();
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();

    await expect
      .poll(async () => (await h.obs.services.sql.query(lost)).length, { timeout: 10_000 })
      .toBe(before + 1);
    // Newest first: the round taken on reconnecting (UP), then the drop.
    await expect
      .poll(async () => (await health(2)).byName.database?.history.map((s) => s.status), { timeout: 10_000 })
      .toEqual(['UP', 'DOWN']);
  }, 30_000);
});
