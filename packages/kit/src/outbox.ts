import type { EntityName } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger.js';
import type { Redis } from './redis.js';
import { appendEvent } from './streams.js';

const BATCH = 100;

/** What an outbox table holds: one event, written in the transaction of the change it announces. */
export interface OutboxRow {
  id: string | number;
  stream: string;
  type: string;
  payload: unknown;
}

export interface OutboxRelayOptions<T extends OutboxRow> {
  /** The service's own outbox entity (its table lives in the service's schema). */
  entity: EntityName<T>;
  /** Names the advisory lock, so one relay of this service runs at a time across its instances. */
  lock: string;
  intervalMs: number;
  /**
   * Adds the row's id to each event's payload as `eventId`, the same on a redelivery, so consumers can
   * fold duplicates. Off where the payload goes out as it is (channels' reach customers' webhooks).
   * @default false
   */
  eventId?: boolean;
}

/**
 * Moves committed outbox rows to their Redis streams, oldest first, and deletes them in the same
 * transaction. One relay runs at a time across a service's instances (an advisory lock), so events
 * reach the stream in commit order. Delivery is at least once: a crash after XADD and before the
 * commit sends a row again, which consumers absorb. While Redis is down a drain fails, its rows stay,
 * and the next tick (or kick after a commit) tries again.
 */
export class OutboxRelay<T extends OutboxRow = OutboxRow> {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly orm: MikroORM,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions<T>,
  ) {}

  /** Relays now and then every interval; services also kick it after each commit that wrote a row. */
  start(): void {
    this.stopped = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.kick(), this.options.intervalMs);
    this.timer.unref();
    void this.kick();
  }

  /** Runs soon; calls during a run are folded into one more run. Resolves when the work is done. */
  kick(): Promise<void> {
    if (this.stopped) return this.running ?? Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.drain()) === BATCH);
        } catch (err) {
          this.logger.warn({ err }, 'outbox relay failed; its events stay queued for the next tick');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No more runs until `start`; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private drain(): Promise<number> {
    const { entity, lock, eventId } = this.options;
    return this.orm.em.fork().transactional(async (em) => {
      const [held] = await em.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [lock],
      );
      if (!held?.locked) return 0;
      // biome-ignore lint/suspicious/noExplicitAny: MikroORM's filter and order types do not narrow over a generic entity.
      const rows = (await em.find(entity, {} as any, { orderBy: { id: 'asc' } as any, limit: BATCH })) as T[];
      for (const row of rows) {
        const payload = eventId
          ? { ...(row.payload as Record<string, unknown>), eventId: row.id }
          : row.payload;
        await appendEvent(this.redis, row.stream, row.type, payload);
      }
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      if (rows.length) await em.nativeDelete(entity, { id: { $in: rows.map((r) => r.id) } } as any);
      return rows.length;
    });
  }
}
