import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability } from './setup.js';
import { type FakeTasks, startFakeTasks } from './support/fake-tasks.js';

const SECRET = 'observability-test-secret';
const HEALTH = '{ systemHealth { components { name status uptime } } }';
type Health = { systemHealth: { components: { name: string; status: string; uptime: number }[] } };

describe('uptime right after a fresh start', () => {
  let h: Harness;
  let tasks: FakeTasks;
  const uptime = async (name: string) =>
    (await h.gql<Health>(HEALTH, {}, h.admin)).data?.systemHealth.components.find((c) => c.name === name)
      ?.uptime;

  beforeAll(async () => {
    tasks = await startFakeTasks(SECRET);
    // The platform is starting: tasks does not answer ready yet when observability first probes it.
    tasks.state.ready = false;
    h = await startObservability({
      SCRAPE_TARGETS: `tasks=${tasks.url}`,
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await h.stop();
    await tasks.close();
  });

  it('reads 0 while a component has never come up', async () => {
    await h.obs.services.health.probeAndRecord();
    await h.obs.services.health.probeAndRecord();
    expect(await uptime('tasks')).toBe(0);
  });

  it('does not count the probes of its start-up as downtime once it is up', async () => {
    tasks.state.ready = true;
    for (let i = 0; i < 6; i++) await h.obs.services.health.probeAndRecord();
    // Three probes found it starting and seven up: 100 %, not 70 %.
    expect(await uptime('tasks')).toBe(1);
    expect(await uptime('database')).toBe(1);
  });

  it('counts a later outage as downtime', async () => {
    tasks.state.ready = false;
    await h.obs.services.health.probeAndRecord();
    const after = await uptime('tasks');
    expect(after).toBeGreaterThan(0.8);
    expect(after).toBeLessThan(1);
  });
});
