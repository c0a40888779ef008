import { readFileSync } from 'node:fs';

/** USER_HZ on Linux: /proc/<pid>/stat counts CPU time in ticks of 1/100 s. */
const TICKS = 100;

export interface ProcCpu {
  /** The process name (`postgres`, `redis-server`, `node`). */
  comm: string;
  /** CPU seconds (user + system) the process has used. */
  cpu: number;
  /** CPU seconds of its children that have exited and been waited for. */
  childrenCpu: number;
}

/**
 * A process's CPU time so far, from /proc (Linux; benchmarks only). Null when the process is gone or
 * there is no /proc. The name may hold spaces and parentheses, so fields are counted from the last `)`.
 */
export function procCpu(pid: number | string): ProcCpu | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    // After the name come state (field 3) onwards; utime, stime, cutime, cstime are fields 14-17.
    const f = stat.slice(close + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      cpu: (Number(f[11]) + Number(f[12])) / TICKS,
      childrenCpu: (Number(f[13]) + Number(f[14])) / TICKS,
    };
  } catch {
    return null;
  }
}

/** Resident memory now and at its peak (VmRSS, VmHWM), in bytes. */
export function procMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** The p-th percentile of an ascending list (nearest rank); NaN when it is empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
