import { setTimeout as delay } from 'node:timers/promises';
import type { EventBus } from '@trae/kit';
import { LRUCache } from 'lru-cache';
import type { WebhookSource } from './webhook-source.entity.js';

/** Bus topic: a source's secrets changed; every instance drops its copy. */
export const WEBHOOK_SOURCE_CHANGED = 'webhook-source.changed';

/** A copy is reused this long at most, in case an invalidation was missed (Redis reconnecting). */
const TTL_MS = 60_000;
/** Sources are few (ADMIN registers them); past this many copies the least used go. */
const MAX_ENTRIES = 10_000;

/**
 * Sources as the receiving route needs them, kept in memory: each webhook would otherwise cost a query
 * before its signature is even checked. A rotation publishes the source's id on the bus and every
 * instance drops its copy, so the new secret is accepted everywhere at once (the previous one stays
 * accepted anyway). Unknown ids are not kept: a source created a moment ago is found at once.
 */
export class SourceCache {
  private readonly copies = new LRUCache<string, WebhookSource>({ max: MAX_ENTRIES, ttl: TTL_MS });
  private readonly changes: AsyncIterator<{ id: string }>;
  /** Settles once the bus subscription stands: stopping before then would leave it to fail unheard. */
  private readonly subscribed: Promise<void>;

  constructor(private readonly bus: EventBus) {
    let subscribed = () => {};
    this.subscribed = new Promise((resolve) => {
      subscribed = resolve;
    });
    const current = async () => {
      subscribed();
      return null;
    };
    this.changes = bus.watch<{ id: string }>(WEBHOOK_SOURCE_CHANGED, { current })[Symbol.asyncIterator]();
    void this.follow();
  }

  async get(id: string, load: () => Promise<WebhookSource | null>): Promise<WebhookSource | null> {
    const copy = this.copies.get(id);
    if (copy) return copy;
    const source = await load();
    if (source) this.copies.set(id, source);
    return source;
  }

  /** Drops the copy here and tells the other instances to drop theirs. */
  async changed(id: string): Promise<void> {
    this.copies.delete(id);
    await this.bus.publish(WEBHOOK_SOURCE_CHANGED, { id });
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
      this.copies.delete(next.value.id);
    }
  }
}
