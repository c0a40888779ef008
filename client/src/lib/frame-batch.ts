export interface FrameBatch<T> {
  push(item: T): void;
  /** Drops what is waiting and the scheduled flush. */
  stop(): void;
}

interface Scheduler {
  request(run: () => void): number;
  cancel(handle: number): void;
}

const animationFrame: Scheduler = {
  request: (run) => requestAnimationFrame(run),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Collects items and hands them to `flush` once per animation frame, the latest per key only: 2,000
 * events in a second become ~60 cache writes and renders instead of 2,000.
 */
export function frameBatch<T>(
  keyOf: (item: T) => string,
  flush: (items: T[]) => void,
  scheduler: Scheduler = animationFrame,
): FrameBatch<T> {
  let waiting = new Map<string, T>();
  let handle: number | null = null;
  const run = () => {
    handle = null;
    const items = [...waiting.values()];
    waiting = new Map();
    if (items.length) flush(items);
  };
  return {
    push(item) {
      // Delete first, so a re-sent key moves to the end and the flush keeps arrival order.
      const key = keyOf(item);
      waiting.delete(key);
      waiting.set(key, item);
      if (handle === null) handle = scheduler.request(run);
    },
    stop() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      waiting = new Map();
    },
  };
}
