import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@trae/kit';
import type { Storage } from '../../storage/storage.js';
import { File } from '../file/file.entity.js';
import { FileStatus } from '../file/file-status.js';
import { LEASE_MS } from './upload.service.js';

/** Staged bytes this old belong to a process that died: a live upload writes (or fails) long before. */
const STAGING_MAX_AGE_MS = 60 * 60_000;

export interface SweepResult {
  tickets: number;
  stalled: number;
  staged: number;
}

/**
 * Clears what uploads leave when they are never finished: tickets past their expiry, uploads whose
 * process stopped renewing the lease, and staging bytes nobody will commit. Safe to run on every
 * instance at once; each step is idempotent.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly storage: Storage,
    private readonly logger: Logger,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const em = this.orm.em.fork();
    const tickets = await em.nativeDelete(File, {
      status: FileStatus.PENDING,
      uploadExpiresAt: { $lt: now },
    });
    const stalled = await em.nativeDelete(File, {
      status: FileStatus.UPLOADING,
      leaseAt: { $lt: new Date(now.getTime() - 10 * LEASE_MS) },
    });
    const staged = await this.storage.sweepStaging(STAGING_MAX_AGE_MS);
    const result = { tickets, stalled, staged };
    if (result.tickets || result.stalled || result.staged)
      this.logger.info(result, 'swept unfinished uploads');
    return result;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.running = this.sweep().catch((err) => this.logger.warn({ err }, 'sweep failed'));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
