import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { appendEvent, type Logger, type Redis } from '@trae/kit';
import { OutboxEvent } from './outbox-event.entity.js';

const BATCH = 100;

/** Queues an event inside the caller's transaction; it reaches Redis only if that transaction commits. */
export function enqueue(em: EntityManager, stream: string, type: string, payload: unknown): void {
  em.persist(em.create(OutboxEvent, { stream, type, payload, createdAt: new Date() }));
}

/**
 * Moves committed outbox rows to their Redis streams, oldest first. One relay runs at a time across
 * all instances (an advisory lock), so events about one channel reach the stream in commit order.
 * Delivery is at least once: a crash after XADD and before the delete sends a row again, which the
 * consumers' upserts absorb.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs soon; calls during a run are folded into one more run. Resolves when the work is done. */
  kick(): Promise<void> {
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
          this.logger.error({ err }, 'outbox relay failed; retrying on the next tick');
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private drain(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const [lock] = await em.execute<{ locked: boolean }[]>(
        `select pg_try_advisory_xact_lock(hashtext('channels:outbox')) as locked`,
      );
      if (!lock?.locked) return 0;
      const rows = await em.find(OutboxEvent, {}, { orderBy: { id: 'asc' }, limit: BATCH });
      for (const row of rows) await appendEvent(this.redis, row.stream, row.type, row.payload);
      if (rows.length) await em.nativeDelete(OutboxEvent, { id: { $in: rows.map((r) => r.id) } });
      return rows.length;
    });
  }
}
