import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface DatabaseWatchOptions {
  url: string;
  /** The connection dropped: the server stopped, died or ended our session. Once per outage. */
  onLost: (reason: string) => void;
  /** Connected again after a loss. */
  onBack: () => void;
  /** First wait between reconnects; doubles up to `maxRetryMs`. @default 250 */
  retryMs?: number;
  /** @default 2_000 */
  maxRetryMs?: number;
}

/**
 * One idle connection kept open as a sensor. PostgreSQL closes every session when it stops, dies or
 * restarts, so an outage shorter than the probe interval (a restart takes a second or two) is still
 * seen; the ORM's pool would only notice on its next query. It costs one connection per instance.
 */
export class DatabaseWatch {
  private client: pg.Client | undefined;
  private stopped = false;
  private readonly halt = new AbortController();
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly o: DatabaseWatchOptions) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halt.abort();
    await this.client?.end().catch(() => undefined);
    await this.running;
  }

  private async loop(): Promise<void> {
    let lost = false;
    let wait = this.o.retryMs ?? 250;
    while (!this.stopped) {
      const client = new pg.Client({
        connectionString: this.o.url,
        connectionTimeoutMillis: 2_000,
        application_name: 'observability-database-watch',
      });
      // A drop is reported by 'end' below; the error that comes with it needs no second report.
      client.on('error', () => undefined);
      const ended = new Promise<void>((resolve) => client.once('end', resolve));
      try {
        await client.connect();
      } catch {
        await client.end().catch(() => undefined);
        await sleep(wait, undefined, { signal: this.halt.signal }).catch(() => undefined);
        wait = Math.min(wait * 2, this.o.maxRetryMs ?? 2_000);
        continue;
      }
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      wait = this.o.retryMs ?? 250;
      if (lost) this.o.onBack();
      lost = false;
      await ended;
      this.client = undefined;
      if (this.stopped) return;
      lost = true;
      this.o.onLost('connection lost');
    }
  }
}
