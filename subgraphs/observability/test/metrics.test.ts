import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../src/modules/metric/metric.types.js';
import { freePort, type Harness, startObservability } from './setup.js';
import { type FakeTasks, startFakeTasks } from './support/fake-tasks.js';

const SECRET = 'observability-test-secret';
const SERIES = `query ($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {
  metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) { time service value min max }
}`;
const LATEST = `{ latestMetrics { time workers queues { agent waiting active delayed failed }
  services { service up requestRate errorRate latencyP50 latencyP95 latencyP99 cpu memoryBytes eventLoopLag subscriptions } } }`;

type Point = { time: string; service: string; value: number; min: number; max: number };

describe('metrics: scrape, derive, store, roll up, serve', () => {
  let h: Harness;
  let tasks: FakeTasks;
  let snapshot: MetricsSnapshot;
  const series = async (vars: Record<string, unknown>, token = h.admin) =>
    h.gql<{ metricSeries: Point[] }>(SERIES, vars, token);

  beforeAll(async () => {
    tasks = await startFakeTasks(SECRET);
    h = await startObservability({
      SCRAPE_TARGETS: `tasks=${tasks.url},files=http://127.0.0.1:${await freePort()}`,
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
      SCRAPE_TIMEOUT_MS: '1000',
    });
    const { scraper, metrics } = h.obs.services;
    await metrics.record(await scraper.scrape());
    for (let i = 0; i < 10; i++) await fetch(`${tasks.url}/work/200`);
    for (let i = 0; i < 2; i++) await fetch(`${tasks.url}/work/500`);
    await new Promise((r) => setTimeout(r, 1_000));
    snapshot = await scraper.scrape();
    await metrics.record(snapshot);
  });
  afterAll(async () => {
    await h.stop();
    await tasks.close();
  });

  it('derives rates, errors, latency and resources per service, and queue depths', async () => {
    const byName = Object.fromEntries(snapshot.services.map((s) => [s.service, s]));
    expect(byName.tasks.up).toBe(true);
    expect(byName.tasks.requestRate).toBeGreaterThan(5);
    expect(byName.tasks.requestRate).toBeLessThan(13);
    // 12 requests on /work plus the scraper's own /internal/agents/health call; 2 of them failed.
    expect(byName.tasks.errorRate).toBeCloseTo(2 / 13);
    expect(byName.tasks.latencyP99).toBeGreaterThan(0);
    expect(byName.tasks.memoryBytes).toBeGreaterThan(10_000_000);
    expect(byName.observability).toMatchObject({ up: true, subscriptions: 0 });
    expect(byName.files).toMatchObject({ up: false, requestRate: null, memoryBytes: null });
    expect(snapshot.workers).toBe(2);
    expect(snapshot.queues).toContainEqual({
      agent: 'content',
      waiting: 3,
      active: 1,
      delayed: 2,
      failed: 0,
      oldestWaitingSeconds: 120,
    });

    const latest = await h.gql<{ latestMetrics: MetricsSnapshot }>(LATEST, {}, h.user);
    expect(latest.data?.latestMetrics.time).toBe(snapshot.time.toISOString());
    expect(latest.data?.latestMetrics.services).toHaveLength(3);
  });

  it('serves raw series for short steps and rollups for minutes', async () => {
    const rate = await series({ name: 'http_request_rate', service: 'tasks', step: 5 });
    expect(rate.data?.metricSeries.length).toBeGreaterThanOrEqual(1);
    expect(rate.data?.metricSeries.at(-1)?.value).toBeCloseTo(
      snapshot.services.find((s) => s.service === 'tasks')!.requestRate!,
    );

    const up = await series({ name: 'up', step: 60 });
    const latestUp = new Map(up.data?.metricSeries.map((p) => [p.service, p.max]));
    expect(Object.fromEntries(latestUp)).toEqual({ files: 0, observability: 1, tasks: 1 });

    const waiting = await series({ name: 'queue_waiting', step: 3600 });
    expect(waiting.data?.metricSeries.map((p) => [p.service, p.value])).toEqual([['tasks', 4]]);
    // The oldest wait over every queue, not a sum.
    const oldest = await series({ name: 'queue_oldest_waiting_seconds', step: 3600 });
    expect(oldest.data?.metricSeries.map((p) => [p.service, p.value])).toEqual([['tasks', 120]]);
    const defaults = await series({ name: 'memory_rss_bytes' });
    expect(defaults.data?.metricSeries.length).toBeGreaterThan(0);
    expect(
      (await h.gql<{ metricNames: { name: string }[] }>('{ metricNames { name unit } }', {}, h.user)).data
        ?.metricNames.length,
    ).toBe(21);
  });

  it('refuses unknown names, silly ranges and steps with BAD_USER_INPUT', async () => {
    const field = async (vars: Record<string, unknown>) => (await series(vars)).errors?.[0].extensions;
    const day = 86_400_000;
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    expect(await field({ name: 'nope' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await field({ name: 'up', from: ago(0), to: ago(day) })).toMatchObject({ field: 'from' });
    expect(await field({ name: 'up', from: ago(40 * day) })).toMatchObject({ field: 'from' });
    expect(
      await field({
        name: 'up',
        from: new Date(Date.now() + day).toISOString(),
        to: new Date(Date.now() + 2 * day).toISOString(),
      }),
    ).toMatchObject({ field: 'from' });
    expect(await field({ name: 'up', step: 0 })).toMatchObject({ field: 'step' });
    expect(await field({ name: 'up', from: ago(day), step: 1 })).toMatchObject({ field: 'step' });
    expect(await field({ name: 'up', from: ago(2 * day), step: 30 })).toMatchObject({ field: 'step' });
    expect((await series({ name: 'up' }, '')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('deletes what outlived its retention and keeps the rest', async () => {
    const { sql } = h.obs.services;
    const old = new Date(Date.now() - 40 * 86_400_000);
    await sql.query(`insert into metric_samples (time, service, name, value) values ($1, 'tasks', 'up', 1)`, [
      old,
    ]);
    await sql.query(`insert into metric_rollups values ($1, 'tasks', 'up', 1, 1, 1, 1)`, [old]);
    await sql.query(
      `insert into log_entries (id, time, level, service, message) values ('1-0', $1, 30, 'tasks', 'old')`,
      [old],
    );
    await sql.query(
      `insert into health_checks (time, component, kind, status, latency_ms) values ($1, 'x', 'SERVICE', 'UP', 1)`,
      [old],
    );
    const ancient = new Date(Date.now() - 100 * 86_400_000);
    await sql.query(
      `insert into error_tracking (error_type, error_message, fingerprint, service, resolved, last_seen_at)
      values ('E', 'old resolved', 'f1', 'tasks', true, $1), ('E', 'old open', 'f2', 'tasks', false, $1)`,
      [ancient],
    );
    // An open group stays, but its hourly counts go with the retention.
    await sql.query(`insert into error_counts values ('f2', '', $1, 3)`, [ancient]);
    await sql.query(
      `insert into alerts (id, rule_id, name, severity, status, summary, started_at, resolved_at) values
        ('00000000-0000-4000-8000-00000000000a', gen_random_uuid(), 'old', 'INFO', 'RESOLVED', 's', $1, $1),
        ('00000000-0000-4000-8000-00000000000b', gen_random_uuid(), 'open', 'INFO', 'FIRING', 's', $1, null)`,
      [ancient],
    );
    await sql.query(
      `insert into alert_silences (id, reason, starts_at, ends_at) values (gen_random_uuid(), 'old', $1, $1)`,
      [ancient],
    );
    const deleted = await h.obs.services.retention.run();
    expect(deleted).toEqual({
      alerts: 1,
      alert_silences: 1,
      log_entries: 1,
      metric_samples: 1,
      metric_rollups: 1,
      health_checks: 1,
      error_tracking: 1,
      error_counts: 1,
    });
    expect(
      (await series({ name: 'up', service: 'tasks', step: 5 })).data?.metricSeries.length,
    ).toBeGreaterThan(0);
  });
});
