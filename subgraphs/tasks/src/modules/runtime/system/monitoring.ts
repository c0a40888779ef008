import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { AgentContext } from '../agent.js';
import type { SystemDeps } from './system.deps.js';
import type { monitoringInput } from './system.schema.js';

const cpuTimes = () =>
  cpus().reduce(
    (acc, c) => {
      const total = Object.values(c.times).reduce((s, v) => s + v, 0);
      return { idle: acc.idle + c.times.idle, total: acc.total + total };
    },
    { idle: 0, total: 0 },
  );

const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

/** Parses `INFO` output into a map of its `key:value` lines. */
function redisInfo(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((l) => l.includes(':') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
  );
}

/** One snapshot of the host and the platform's stores, with CPU and event-loop lag sampled over `sampleMs`. */
export async function systemMonitoring(
  input: z.infer<typeof monitoringInput>,
  deps: SystemDeps,
  ctx: AgentContext,
) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const before = cpuTimes();
  const processBefore = process.cpuUsage();
  await sleep(input.sampleMs, undefined, { signal: ctx.signal });
  const after = cpuTimes();
  const processCpu = process.cpuUsage(processBefore);
  loop.disable();
  ctx.progress(40, 'sampled CPU and event loop');

  const [pg] = await deps.sql<{ total: number; active: number; idle: number; max: number }>(
    `select count(*)::int as total,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state like 'idle%')::int as idle,
            current_setting('max_connections')::int as max
       from pg_stat_activity where datname = current_database()`,
  );
  const memory = redisInfo(await deps.redis.info('memory'));
  const clients = redisInfo(await deps.redis.info('clients'));
  ctx.progress(80, 'read Postgres and Redis');
  const queues = await deps.queueCounts();
  const busy = after.total - before.total;
  return {
    sampledAt: new Date().toISOString(),
    cpu: {
      cores: cpus().length,
      usagePercent: busy > 0 ? Math.round((1 - (after.idle - before.idle) / busy) * 1000) / 10 : 0,
      processPercent: Math.round(((processCpu.user + processCpu.system) / 1000 / input.sampleMs) * 1000) / 10,
    },
    load: { '1m': loadavg()[0], '5m': loadavg()[1], '15m': loadavg()[2] },
    memory: {
      totalBytes: totalmem(),
      freeBytes: freemem(),
      usedPercent: Math.round((1 - freemem() / totalmem()) * 1000) / 10,
      processRssBytes: process.memoryUsage().rss,
      processHeapUsedBytes: process.memoryUsage().heapUsed,
    },
    eventLoopLagMs: { mean: ms(loop.mean), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    postgres: { connections: pg.total, active: pg.active, idle: pg.idle, maxConnections: pg.max },
    redis: {
      usedMemoryBytes: Number(memory.used_memory ?? 0),
      peakMemoryBytes: Number(memory.used_memory_peak ?? 0),
      maxMemoryBytes: Number(memory.maxmemory ?? 0),
      connectedClients: Number(clients.connected_clients ?? 0),
    },
    queues,
  };
}
