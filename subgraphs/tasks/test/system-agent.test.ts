import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncMarks } from '../src/modules/base44/sync-marks.js';
import { createSystemAgent } from '../src/modules/runtime/system/system.agent.js';
import type { SystemDeps } from '../src/modules/runtime/system/system.deps.js';
import { type Harness, startTasks } from './setup.js';
import { agentContext, task } from './support/agent-context.js';
import { serve, type TestServer } from './support/servers.js';

describe('system agent', () => {
  let h: Harness;
  let up: TestServer;
  let sick: TestServer;
  let deps: SystemDeps;
  let redis: Redis;

  beforeAll(async () => {
    h = await startTasks();
    up = await serve((req, res) => void res.writeHead(req.url === '/ready' ? 200 : 404).end());
    sick = await serve((_req, res) => void res.writeHead(503).end('{"status":"unready"}'));
    redis = new Redis(h.config.REDIS_URL);
    const gone = await serve(() => undefined);
    await gone.close();
    deps = {
      services: { identity: up.url, channels: sick.url, files: gone.url },
      workers: async () => [{ id: 'w1', url: up.url }],
      sql: (q, p) => h.api.sql.query(q, p),
      redis,
      queueCounts: async () => ({ system: { waiting: 2, active: 1, delayed: 0, failed: 0 } }),
      cleanQueues: async () => 7,
      retention: { taskDays: 30, logDays: 14 },
      backups: { ...h.backups, databaseUrl: h.db.url, timeoutMs: 60_000, onOutcome: () => undefined },
      base44: { client: null, contact: async () => null, marks: new SyncMarks(redis) },
    };
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([up?.close(), sick?.close()]);
    await h?.stop();
  });

  it('health_check probes every /ready and records each answer', async () => {
    const { ctx, logs } = agentContext();
    const r = (await createSystemAgent(deps).run(task('health_check', { timeoutMs: 1000 }), ctx)) as {
      status: string;
      up: number;
      down: number;
      services: { name: string; status: string; httpStatus: number | null; error?: string }[];
    };
    expect(r).toMatchObject({ status: 'degraded', up: 2, down: 2 });
    const byName = Object.fromEntries(r.services.map((s) => [s.name, s]));
    expect(byName.identity).toMatchObject({ status: 'up', httpStatus: 200 });
    expect(byName['worker:w1']).toMatchObject({ status: 'up' });
    expect(byName.channels).toMatchObject({ status: 'down', httpStatus: 503, error: 'HTTP 503' });
    expect(byName.files).toMatchObject({
      status: 'down',
      httpStatus: null,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(logs.filter((l) => l.level === 'WARN')).toHaveLength(2);
    const only = (await createSystemAgent(deps).run(
      task('health_check', { services: ['identity'] }),
      agentContext().ctx,
    )) as { services: unknown[] };
    expect(only.services).toHaveLength(1);
  });

  it('system_monitoring samples the host, Postgres, Redis and the queues', async () => {
    const r = (await createSystemAgent(deps).run(
      task('system_monitoring', { sampleMs: 100 }),
      agentContext().ctx,
    )) as Record<string, Record<string, number>>;
    expect(r.cpu.cores).toBeGreaterThan(0);
    expect(r.cpu.usagePercent).toBeGreaterThanOrEqual(0);
    expect(r.memory.totalBytes).toBeGreaterThan(r.memory.freeBytes);
    expect(r.eventLoopLagMs.p99).toBeGreaterThan(0);
    expect(r.postgres.connections).toBeGreaterThanOrEqual(1);
    expect(r.postgres.maxConnections).toBeGreaterThan(0);
    expect(r.redis.usedMemoryBytes).toBeGreaterThan(0);
    expect(r.redis.connectedClients).toBeGreaterThan(0);
    expect(r.queues).toEqual({ system: { waiting: 2, active: 1, delayed: 0, failed: 0 } });
  });

  it('resource_management deletes finished tasks and logs past retention, and reports the rows freed', async () => {
    const insert = (age: string, status: string) =>
      h.api.sql.query<{ id: string }>(
        `insert into task_queue (id, task_type, agent, status, task_data, created_at, completed_at)
         values (gen_random_uuid(), 'noop', 'system', $1::text, '{}', now() - $2::interval,
                 case when $1::text in ('SUCCEEDED', 'FAILED', 'CANCELLED') then now() - $2::interval end)
         returning id`,
        [status, age],
      );
    const [old] = await insert('40 days', 'SUCCEEDED');
    await insert('40 days', 'FAILED');
    await insert('40 days', 'QUEUED');
    const [recent] = await insert('2 days', 'SUCCEEDED');
    await h.api.sql.query(
      `insert into task_logs (task_id, level, message, created_at) values ($1, 'INFO', 'old', now() - interval '20 days'), ($2, 'INFO', 'old', now() - interval '20 days'), ($2, 'INFO', 'new', now())`,
      [old.id, recent.id],
    );
    const system = createSystemAgent(deps);
    const dry = await system.run(task('resource_management', { dryRun: true }), agentContext().ctx);
    expect(dry).toMatchObject({ dryRun: true, freed: { tasks: 2, logLines: 2, queueJobs: 0 } });
    const real = await system.run(task('resource_management', {}), agentContext().ctx);
    expect(real).toMatchObject({
      dryRun: false,
      taskRetentionDays: 30,
      logRetentionDays: 14,
      freed: { tasks: 2, logLines: 2, queueJobs: 7 },
    });
    const left = await h.api.sql.query<{ status: string }>(`select status from task_queue order by status`);
    expect(left.map((r) => r.status)).toEqual(['QUEUED', 'SUCCEEDED']);
    expect(await h.api.sql.query(`select message from task_logs`)).toEqual([{ message: 'new' }]);
  });
});
