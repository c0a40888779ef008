import { setTimeout as delay } from 'node:timers/promises';
import type { EventBus } from '@trae/kit';
import { LRUCache } from 'lru-cache';

export interface BusCacheOptions {
  /** A copy is reused this long at most, in case an invalidation was missed (Redis reconnecting). */
  ttlMs: number;
  /** Past this many copies the least used go. */
  max: number;
}

/**
 * Rows kept in memory by id on every instance, dropped everywhere at once when one changes: `changed`
 * publishes the id on the bus under `topic`, and each instance drops its copy. Unknown ids are not
 * kept: a row created a moment ago is found at once.
 */
export class BusCache<T extends object> {
  private readonly copies: LRUCache<string, T>;
  private readonly changes: AsyncIterator<{ id: string }>;
  /** Copies dropped so far: a load that saw one happen meanwhile may have read the old row. */
  private drops = 0;
  /** Settles once the bus subscription stands: stopping before then would leave it to fail unheard. */
  private readonly subscribed: Promise<void>;

  constructor(
    private readonly bus: EventBus,
    private readonly topic: string,
    options: BusCacheOptions,
  ) {
    this.copies = new LRUCache<string, T>({ max: options.max, ttl: options.ttlMs });
    let subscribed = () => {};
    this.subscribed = new Promise((resolve) => {
      subscribed = resolve;
    });
    const current = async () => {
      subscribed();
      return null;
    };
    this.changes = bus.watch<{ id: string }>(topic, { current })[Symbol.asyncIterator]();
    void this.follow();
  }

  async get(id: string, load: () => Promise<T | null>): Promise<T | null> {
    const copy = this.copies.get(id);
    if (copy) return copy;
    const drops = this.drops;
    const row = await load();
    if (row && drops === this.drops) this.copies.set(id, row);
    return row;
  }

  /** Drops the copy here and tells the other instances to drop theirs. */
  async changed(id: string): Promise<void> {
    this.drop(id);
    await this.bus.publish(this.topic, { id });
  }

  /**
   * Waits for the subscription to stand, and leaves it to the bus's close: unsubscribing now would race
   * the bus disconnecting (an UNSUBSCRIBE on a closed connection fails with nobody to hear it).
   */
  async close(): Promise<void> {
    await Promise.race([this.subscribed, delay(1_000, undefined, { ref: false })]);
  }

  private async follow(): Promise<void> {
    for (;;) {
      const next = await this.changes.next().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) return;
      this.drop(next.value.id);
    }
  }

  private drop(id: string): void {
    this.drops++;
    this.copies.delete(id);
  }
}
