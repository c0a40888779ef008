import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, type ExitInfo } from './supervisor.js';

/** How a crashed process is brought back, as a process manager would. */
export interface RestartPolicy {
  /** This many crashes within `windowMs` and it stays down. @default 5 */
  maxCrashes: number;
  /** @default 60_000 */
  windowMs: number;
  /** The first wait before a restart; each further crash in the window doubles it. @default 500 */
  backoffMs: number;
  /** @default 10_000 */
  maxBackoffMs: number;
}

export const DEFAULT_RESTARTS: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 60_000,
  backoffMs: 500,
  maxBackoffMs: 10_000,
};

export type RestartEvent =
  | { kind: 'restarting'; name: string; exit: ExitInfo; delayMs: number; crashes: number }
  | { kind: 'restarted'; name: string; readyMs: number }
  | { kind: 'gave-up'; name: string; exit: ExitInfo; crashes: number };

/** Recent crashes of one process, and what they allow next. */
export class CrashLoop {
  private crashes: number[] = [];

  constructor(readonly policy: RestartPolicy = DEFAULT_RESTARTS) {}

  /** Records a crash; the wait before the next start, or null when it crashed too often too fast. */
  crashed(now = Date.now()): { delayMs: number | null; crashes: number } {
    this.crashes = [...this.crashes.filter((t) => now - t < this.policy.windowMs), now];
    const n = this.crashes.length;
    if (n >= this.policy.maxCrashes) return { delayMs: null, crashes: n };
    return { delayMs: Math.min(this.policy.maxBackoffMs, this.policy.backoffMs * 2 ** (n - 1)), crashes: n };
  }
}

export interface ReviveOptions<T> {
  name: string;
  loop: CrashLoop;
  /** Starts the process again and resolves once it is ready; a rejection counts as one more crash. */
  start: () => Promise<T>;
  /** True once everything is stopping: no more restarts. */
  stopped: () => boolean;
  report: (event: RestartEvent) => void;
  /** Cuts the wait before a restart short (its owner is stopping). */
  signal?: AbortSignal;
}

/**
 * Brings a crashed process back with backoff. Resolves with the new one, or null when it gave up (the
 * `gave-up` event says so) or the platform is stopping.
 */
export async function revive<T>(exit: ExitInfo, o: ReviveOptions<T>): Promise<T | null> {
  let last = exit;
  for (;;) {
    const { delayMs, crashes } = o.loop.crashed();
    if (delayMs === null) {
      o.report({ kind: 'gave-up', name: o.name, exit: last, crashes });
      return null;
    }
    o.report({ kind: 'restarting', name: o.name, exit: last, delayMs, crashes });
    await sleep(delayMs, undefined, { signal: o.signal }).catch(() => undefined);
    if (o.stopped()) return null;
    const began = Date.now();
    try {
      const started = await o.start();
      o.report({ kind: 'restarted', name: o.name, readyMs: Date.now() - began });
      return started;
    } catch (err) {
      if (o.stopped()) return null;
      last = { name: o.name, code: null, signal: null, error: err as Error, expected: false };
    }
  }
}

/** One line per event, for the terminal. */
export function describeRestart(e: RestartEvent, policy: RestartPolicy = DEFAULT_RESTARTS): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const window = `${Math.round(policy.windowMs / 1000)}s`;
  if (e.kind === 'restarting') {
    return `↻ ${e.name} ${describeExit(e.exit)}; restarting in ${seconds(e.delayMs)} (crash ${e.crashes}; gives up at ${policy.maxCrashes} within ${window})`;
  }
  if (e.kind === 'restarted') return `✔ ${e.name} restarted, ready in ${seconds(e.readyMs)}`;
  return `✖ ${e.name} crashed ${e.crashes} times within ${window} (last: ${describeExit(e.exit)}); giving up`;
}
