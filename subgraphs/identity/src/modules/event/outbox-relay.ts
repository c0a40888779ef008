import type { MikroORM } from '@mikro-orm/postgresql';
import { appendEvent, type Logger, type Redis } from '@trae/kit';
import { OutboxEvent } from './outbox-event.entity.js';

const BATCH = 100;

/**
 * Moves committed outbox rows to their Redis streams, oldest first, and deletes them in the same
 * transaction. One relay runs at a time across all identity instances (an advisory lock), so a user's
 * events reach the stream in commit order. Delivery is at least once: a crash after XADD and before
 * the commit sends a row again with the same `eventId`, which consumers fold (one sync per user).
 * While Redis is down a drain fails, its rows stay, and the next tick (or commit) tries again.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly orm: MikroORM,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Relays now and then every interval; also after each commit that wrote an outbox row. */
  start(): void {
    this.stopped = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.kick(), this.intervalMs);
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
    return this.orm.em.fork().transactional(async (em) => {
      const [lock] = await em.execute<{ locked: boolean }[]>(
        `select pg_try_advisory_xact_lock(hashtext('identity:outbox')) as locked`,
      );
      if (!lock?.locked) return 0;
      const rows = await em.find(OutboxEvent, {}, { orderBy: { id: 'asc' }, limit: BATCH });
      for (const row of rows)
        await appendEvent(this.redis, row.stream, row.type, { ...row.payload, eventId: row.id });
      if (rows.length) await em.nativeDelete(OutboxEvent, { id: { $in: rows.map((r) => r.id) } });
      return rows.length;
    });
  }
}
