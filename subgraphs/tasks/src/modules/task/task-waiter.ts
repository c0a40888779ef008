import type { Redis } from 'ioredis';
import { TASK_UPDATED } from '../engine/events.js';

type Listener = (payload: { status: string }) => void;

/**
 * Waits for a task to reach a state, on `task.updated:<id>`, for `executeAgentTask`. One Redis
 * subscriber serves every wait in the process; a channel is subscribed while someone waits on it.
 */
export class TaskWaiter {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      const payload = JSON.parse(message) as { status: string };
      for (const listener of set) listener(payload);
    });
  }

  /**
   * Resolves when `done` holds for a published state, or for what `current` reads after subscribing
   * (so a change made before we listened is not missed), or when `timeoutMs` passes.
   */
  async until(
    id: string,
    timeoutMs: number,
    done: (status: string) => boolean,
    current: () => Promise<string | null>,
  ) {
    const channel = `${this.prefix}${TASK_UPDATED}:${id}`;
    let listener: Listener = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const reached = new Promise<void>((resolve) => {
      listener = (payload) => done(payload.status) && resolve();
      timer = setTimeout(resolve, timeoutMs);
    });
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    try {
      if (set.size === 1) await this.subscriber.subscribe(channel);
      const status = await current();
      if (status === null || done(status)) return;
      await reached;
    } finally {
      clearTimeout(timer);
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    }
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
