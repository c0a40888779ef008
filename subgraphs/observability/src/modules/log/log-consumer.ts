import { LOG_STREAM, type Logger } from '@trae/kit';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import type { LogIngest, StreamLine } from './log-ingest.js';

export const LOG_GROUP = 'observability';

type Entries = [string, string[] | null][];

export interface LogConsumerOptions {
  /** A dedicated connection: XREADGROUP BLOCK holds it. */
  redis: Redis;
  /** Another connection (same prefix) for XACK, which must not queue behind a blocked read. */
  acks: Redis;
  ingest: LogIngest;
  logger: Logger;
  consumer: string;
  batch: number;
  claimIdleMs: number;
  blockMs?: number;
}

/**
 * Reads the log stream through the `observability` consumer group and stores it batch by batch,
 * acknowledging a batch only after it is committed. What this consumer read but did not
 * acknowledge (it crashed, or the database was down) is read again on start and after a failure;
 * what other consumers left behind is claimed once it has been idle for `claimIdleMs`. Since
 * storing is idempotent, an entry delivered twice is stored once: no entry is lost or duplicated
 * across restarts, within the stream's MAXLEN bound.
 */
export class LogConsumer {
  private running = false;
  private done: Promise<void> | undefined;
  private lastClaim = 0;
  /** Registered on the service's /metrics by the server. */
  readonly metrics = {
    stored: new Counter({
      name: 'log_lines_stored_total',
      help: 'Log lines stored from the stream',
      registers: [],
    }),
    failures: new Counter({
      name: 'log_batches_failed_total',
      help: 'Log batches that failed and were retried',
      registers: [],
    }),
  };

  constructor(private readonly options: LogConsumerOptions) {}

  start(): void {
    this.running = true;
    this.done = this.loop().catch((err) => {
      if (this.running) this.options.logger.error({ err }, 'log consumer stopped');
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.options.redis.disconnect();
    await this.done;
  }

  private async loop(): Promise<void> {
    const { redis, logger } = this.options;
    // ioredis 6 prefixes XGROUP's key like any other (5 did not, and we added the prefix ourselves).
    await redis.xgroup('CREATE', LOG_STREAM, LOG_GROUP, '0', 'MKSTREAM').catch((err: Error) => {
      if (!/BUSYGROUP/.test(err.message)) throw err;
    });
    const blockMs = this.options.blockMs ?? 1_000;
    let backlog = true;
    let next: Promise<Entries> | undefined;
    while (this.running) {
      try {
        if (backlog) backlog = await this.drainOwnPending();
        if (Date.now() - this.lastClaim >= this.options.claimIdleMs) await this.claimAbandoned();
        next ??= this.read('>', blockMs);
        const entries = await next;
        // Read the next batch while this one is stored: Redis and PostgreSQL work at the same time.
        next = this.read('>', blockMs);
        await this.handle(entries);
      } catch (err) {
        if (!this.running) break;
        this.metrics.failures.inc();
        logger.error({ err }, 'log batch failed; retrying');
        // What the read in flight delivers stays pending on this consumer; the backlog pass re-reads it.
        await next?.catch(() => undefined);
        next = undefined;
        backlog = true;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    // Stopping disconnects under the read in flight; its entries stay pending for the next start.
    await next?.catch(() => undefined);
  }

  /** Re-reads what this consumer was given but never acknowledged. True while some remain. */
  private async drainOwnPending(): Promise<boolean> {
    const entries = await this.read('0');
    await this.handle(entries);
    return entries.length === this.options.batch;
  }

  private async claimAbandoned(): Promise<void> {
    const { redis, consumer, batch, claimIdleMs } = this.options;
    this.lastClaim = Date.now();
    let cursor = '0-0';
    do {
      const [next, entries] = (await redis.xautoclaim(
        LOG_STREAM,
        LOG_GROUP,
        consumer,
        claimIdleMs,
        cursor,
        'COUNT',
        batch,
      )) as [string, Entries];
      await this.handle(entries);
      cursor = next;
    } while (cursor !== '0-0' && this.running);
  }

  private async read(from: string, blockMs?: number): Promise<Entries> {
    const { redis, consumer, batch } = this.options;
    const res = (
      blockMs === undefined
        ? await redis.xreadgroup('GROUP', LOG_GROUP, consumer, 'COUNT', batch, 'STREAMS', LOG_STREAM, from)
        : await redis.xreadgroup(
            'GROUP',
            LOG_GROUP,
            consumer,
            'COUNT',
            batch,
            'BLOCK',
            blockMs,
            'STREAMS',
            LOG_STREAM,
            from,
          )
    ) as [string, Entries][] | null;
    return res?.[0]?.[1] ?? [];
  }

  private async handle(entries: Entries): Promise<void> {
    if (!entries.length) return;
    // An entry trimmed from the stream (MAXLEN) while pending comes back without fields: nothing to store.
    const lines: StreamLine[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue;
      const at = fields.indexOf('line');
      lines.push([id, at >= 0 ? (fields[at + 1] ?? '') : fields.join(' ')]);
    }
    const result = await this.options.ingest.store(lines);
    await this.options.acks.xack(LOG_STREAM, LOG_GROUP, ...entries.map(([id]) => id));
    this.metrics.stored.inc(result.stored);
  }
}
