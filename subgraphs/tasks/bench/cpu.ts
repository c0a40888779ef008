import { readdirSync } from 'node:fs';
import { procCpu } from '@trae/kit/testing';

/** CPU seconds used so far, from /proc (Linux only; elsewhere every figure reads 0). */
export interface CpuSample {
  self: number;
  /** By process id, for the processes asked about (worker children). */
  pids: Map<number, number>;
  postgres: number;
  redis: number;
}

/**
 * PostgreSQL's backends come and go with connections, so their time is read from each live process plus
 * what the postmaster collected from exited ones (cutime); the same for Redis.
 */
export function cpuSample(pids: number[] = []): CpuSample {
  const sample: CpuSample = { self: 0, pids: new Map(), postgres: 0, redis: 0 };
  const usage = process.cpuUsage();
  sample.self = (usage.user + usage.system) / 1e6;
  for (const pid of pids) sample.pids.set(pid, procCpu(pid)?.cpu ?? 0);
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return sample;
  }
  for (const pid of entries) {
    const s = procCpu(pid);
    if (s?.comm === 'postgres') sample.postgres += s.cpu + s.childrenCpu;
    else if (s?.comm === 'redis-server') sample.redis += s.cpu + s.childrenCpu;
  }
  return sample;
}

/** CPU seconds between two samples: this process, the given children together, PostgreSQL, Redis. */
export function cpuSpent(before: CpuSample, after: CpuSample) {
  let workers = 0;
  for (const [pid, t] of after.pids) workers += t - (before.pids.get(pid) ?? 0);
  return {
    self: after.self - before.self,
    workers,
    postgres: after.postgres - before.postgres,
    redis: after.redis - before.redis,
  };
}
