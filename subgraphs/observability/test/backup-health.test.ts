import { Gauge } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability } from './setup.js';
import { type FakeTasks, startFakeTasks } from './support/fake-tasks.js';

const SECRET = 'observability-test-secret';
const HEALTH = `{ systemHealth { status components { name status }
  backup { scheduled lastSuccessAt ageHours maxAgeHours overdue } } }`;
const SERIES = `query ($name: String!, $service: String) { metricSeries(name: $name, service: $service) { service value } }`;
const HOUR = 3_600_000;

type Health = {
  systemHealth: {
    status: string;
    components: { name: string; status: string }[];
    backup: {
      scheduled: boolean;
      lastSuccessAt: string | null;
      ageHours: number | null;
      overdue: boolean;
    } | null;
  };
};

describe('the age of the last good backup: a series, and systemHealth', () => {
  let h: Harness;
  let tasks: FakeTasks;
  // The gauges the tasks service exports (its http/backup-gauges.ts), with values the test sets.
  let last: Gauge;
  let scheduled: Gauge;

  const scrapeThenHealth = async () => {
    const { scraper, metrics } = h.obs.services;
    await metrics.record(await scraper.scrape());
    return (await h.gql<Health>(HEALTH, {}, h.admin)).data!.systemHealth;
  };

  beforeAll(async () => {
    tasks = await startFakeTasks(SECRET);
    const registers = [tasks.metrics.registry];
    last = new Gauge({
      name: 'backup_last_success_timestamp_seconds',
      help: 'newest good backup',
      registers,
    });
    scheduled = new Gauge({ name: 'backup_scheduled', help: 'BACKUP_SCHEDULE set', registers });
    h = await startObservability({
      SCRAPE_TARGETS: `tasks=${tasks.url}`,
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
      BACKUP_MAX_AGE_HOURS: '26',
    });
  });
  afterAll(async () => {
    await h.stop();
    await tasks.close();
  });

  it('is unknown before a scrape has read the gauges, and healthy without a schedule', async () => {
    expect((await h.gql<Health>(HEALTH, {}, h.admin)).data?.systemHealth).toMatchObject({
      status: 'HEALTHY',
      backup: null,
    });
    last.set(0);
    scheduled.set(0);
    expect(await scrapeThenHealth()).toMatchObject({
      status: 'HEALTHY',
      backup: { scheduled: false, lastSuccessAt: null, ageHours: null, overdue: false },
    });
  });

  it('is DEGRADED when scheduled with no good backup, or one older than BACKUP_MAX_AGE_HOURS', async () => {
    scheduled.set(1);
    expect(await scrapeThenHealth()).toMatchObject({ status: 'DEGRADED', backup: { overdue: true } });

    last.set((Date.now() - 30 * HOUR) / 1000);
    const stale = await scrapeThenHealth();
    expect(stale.status).toBe('DEGRADED');
    expect(stale.components.every((c) => c.status === 'UP')).toBe(true);
    expect(stale.backup).toMatchObject({ scheduled: true, overdue: true });
    expect(stale.backup?.ageHours).toBeCloseTo(30, 1);

    last.set((Date.now() - HOUR) / 1000);
    const fresh = await scrapeThenHealth();
    expect(fresh).toMatchObject({ status: 'HEALTHY', backup: { overdue: false } });
    expect(fresh.backup?.ageHours).toBeCloseTo(1, 1);
  });

  it('stores backup_age_hours under the tasks service, for charts and the BACKUP_AGE alert', async () => {
    const r = await h.gql<{ metricSeries: { service: string; value: number }[] }>(
      SERIES,
      { name: 'backup_age_hours', service: 'tasks' },
      h.admin,
    );
    const values = r.data!.metricSeries.map((p) => p.value);
    expect(r.data!.metricSeries.every((p) => p.service === 'tasks')).toBe(true);
    expect(Math.max(...values)).toBeGreaterThan(1);
    expect(Math.max(...values)).toBeLessThan(30.1);
    expect(Math.min(...values)).toBeGreaterThan(0.9);
  });
});
