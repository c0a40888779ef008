import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Harness, startObservability } from './setup.js';
import { type FakeTasks, startFakeTasks } from './support/fake-tasks.js';

const SECRET = 'observability-test-secret';
const HEALTH = `query ($last: Int!) { systemHealth { status checkedAt components {
  name kind status latencyMs version error detail checkedAt uptime history(last: $last) { time status latencyMs } } } }`;

type Component = {
  name: string;
  kind: string;
  status: string;
  version: string | null;
  error: string | null;
  detail: string | null;
  uptime: number;
  history: { status: string }[];
};
type Health = { systemHealth: { status: string; components: Component[] } };

describe('system health: probes, status, history and uptime', () => {
  let h: Harness;
  let tasks: FakeTasks;
  const health = async (token = h.admin, last = 60) => {
    const r = await h.gql<Health>(HEALTH, { last }, token);
    return {
      ...r,
      byName: Object.fromEntries((r.data?.systemHealth.components ?? []).map((c) => [c.name, c])),
    };
  };

  beforeAll(async () => {
    tasks = await startFakeTasks(SECRET);
    h = await startObservability({
      SCRAPE_TARGETS: `tasks=${tasks.url},files=http://127.0.0.1:${await freePort()}`,
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await h.stop();
    await tasks.close();
  });

  it('probes every component with latency and version, and is degraded when one is down', async () => {
    const { data, byName } = await health();
    expect(data?.systemHealth.status).toBe('DEGRADED');
    expect(data?.systemHealth.components.map((c) => c.name)).toEqual([
      'database',
      'redis',
      'queue',
      'files',
      'observability',
      'tasks',
    ]);
    expect(byName.database).toMatchObject({
      kind: 'DATABASE',
      status: 'UP',
      version: expect.stringMatching(/^\d+/),
    });
    expect(byName.redis).toMatchObject({
      kind: 'REDIS',
      status: 'UP',
      version: expect.stringMatching(/^\d+\./),
    });
    expect(byName.tasks).toMatchObject({ kind: 'SERVICE', status: 'UP', version: '9.9.9' });
    expect(byName.observability).toMatchObject({ status: 'UP', version: '0.1.0' });
    expect(byName.queue).toMatchObject({ kind: 'QUEUE', status: 'UP', detail: '2 workers, 6 waiting' });
    expect(byName.files).toMatchObject({ status: 'DOWN', error: 'ECONNREFUSED', version: null });
  });

  it('hides failure details from users and refuses guests', async () => {
    const { byName } = await health(h.user);
    expect(byName.files).toMatchObject({ status: 'DOWN', error: null });
    expect((await h.gql(HEALTH, { last: 1 })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a history that uptime is computed from', async () => {
    tasks.state.ready = false;
    tasks.state.agents = { status: 'down', workers: 0, queues: {} };
    await h.obs.services.health.probeAndRecord();
    const { data, byName } = await health(h.admin, 1);
    expect(data?.systemHealth.status).toBe('DEGRADED');
    expect(byName.tasks).toMatchObject({ status: 'DOWN', error: 'not ready: database down', uptime: 0.5 });
    expect(byName.tasks.history).toEqual([expect.objectContaining({ status: 'DOWN' })]);
    expect((await health(h.admin, 2)).byName.tasks.history.map((s) => s.status)).toEqual(['DOWN', 'UP']);
    expect(byName.queue).toMatchObject({ status: 'DOWN', detail: '0 workers, 0 waiting' });
    expect(byName.database.uptime).toBe(1);
    expect((await h.gql(HEALTH, { last: 0 }, h.admin)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'last',
    });
  });
});
