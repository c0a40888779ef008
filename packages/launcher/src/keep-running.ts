import { CrashLoop, DEFAULT_RESTARTS, type RestartEvent, type RestartPolicy, revive } from './restarts.js';
import type { ExitInfo, Supervised } from './supervisor.js';

/** Something the launcher runs and can start again: the embedded PostgreSQL, or the embedded Redis. */
export interface Restartable {
  process: Supervised;
  stop(): Promise<void>;
}

export interface KeepRunningOptions<T extends Restartable> {
  /** Starts it again (same port, same data) and resolves once it answers. */
  start: () => Promise<T>;
  /** @default DEFAULT_RESTARTS */
  policy?: RestartPolicy;
  onRestart?: (event: RestartEvent) => void;
  /** It crashed too often too fast and stays down. */
  onGaveUp?: (exit: ExitInfo, lines: string[]) => void;
  /** True once its owner is shutting down (before `stop` is called): a crash then is not restarted. */
  stopping?: () => boolean;
}

export interface KeptRunning<T extends Restartable> {
  /** The live one (a restart replaces it). */
  readonly current: T;
  /** Stops it for good, including a restart under way. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Redis of the embedded defaults are supervised like the services: restarted on the same
 * port and data with backoff (the services reconnect by themselves), until they crash too often.
 * `npm start` uses it, and so do fault scenarios that kill the embedded PostgreSQL.
 */
export function keepRunning<T extends Restartable>(first: T, o: KeepRunningOptions<T>): KeptRunning<T> {
  const loop = new CrashLoop(o.policy ?? DEFAULT_RESTARTS);
  let current = first;
  let stopped = false;
  const halt = new AbortController();
  let reviving: Promise<unknown> = Promise.resolve();
  const done = () => stopped || (o.stopping?.() ?? false);

  const follow = (item: T) =>
    void item.process.exited.then((exit) => {
      if (exit.expected || done()) return;
      reviving = revive(exit, {
        name: item.process.name,
        loop,
        start: o.start,
        stopped: done,
        report: (event) => o.onRestart?.(event),
        signal: halt.signal,
      }).then(async (back) => {
        if (back && done()) return back.stop();
        if (back) {
          current = back;
          return follow(back);
        }
        if (!done()) o.onGaveUp?.(exit, item.process.lines());
      });
    });
  follow(first);

  return {
    get current() {
      return current;
    },
    async stop() {
      stopped = true;
      halt.abort();
      await reviving;
      await current.stop();
    },
  };
}
