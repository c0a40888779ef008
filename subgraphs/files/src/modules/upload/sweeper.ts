import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@trae/kit';
import { File } from '../file/file.entity.js';
import { FileStatus } from '../file/file.enums.js';
import type { Storage } from '../storage/storage.js';
import { LIVE_LEASE, type UploadLease } from './upload-lease.js';

export interface SweepResult {
  tickets: number;
  stalled: number;
  staged: number;
}

/**
 * Clears what uploads leave when they are never finished: uploads whose process died (back to PENDING,
 * so the same URL takes a fresh attempt), tickets past their expiry, and staging bytes no live attempt
 * owns. Safe to run on every instance at once; each step is idempotent.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly storage: Storage,
    private readonly lease: UploadLease,
    private readonly logger: Logger,
  ) {}

  /**
   * At start, before the first request: every upload this instance held died with its last process, so
   * they are freed now rather than when their leases lapse.
   */
  reconcile(): Promise<SweepResult> {
    return this.sweep({ restarted: true });
  }

  async sweep({ restarted = false } = {}): Promise<SweepResult> {
    const em = this.orm.em.fork();
    const dead = await em.execute<{ upload_attempt: string | null }[]>(
      `with dead as (
         select id, upload_attempt from files
         where status = 'UPLOADING' and (not ${LIVE_LEASE}${restarted ? ' or lease_owner = ?' : ''})
         for update skip locked)
       update files f set status = 'PENDING', lease_at = null, lease_owner = null, upload_attempt = null,
         updated_at = now()
       from dead where f.id = dead.id
       returning dead.upload_attempt`,
      restarted ? [this.lease.ms, this.lease.owner] : [this.lease.ms],
    );
    for (const { upload_attempt } of dead) {
      if (upload_attempt) await this.storage.discardStaged(upload_attempt);
    }
    const tickets = await em.nativeDelete(File, {
      status: FileStatus.PENDING,
      uploadExpiresAt: { $lt: new Date() },
    });
    const live = await em.execute<{ upload_attempt: string }[]>(
      `select upload_attempt from files where status = 'UPLOADING' and upload_attempt is not null`,
    );
    // Unowned bytes still being written belong to an attempt that has just claimed its row; a lease
    // period without a write means nobody will.
    const staged = await this.storage.sweepStaging(
      this.lease.ms,
      new Set(live.map((row) => row.upload_attempt)),
    );
    const result = { tickets, stalled: dead.length, staged };
    if (result.tickets || result.stalled || result.staged) {
      this.logger.info({ ...result, restarted }, 'swept unfinished uploads');
    }
    return result;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.running = this.sweep().catch((err) => this.logger.warn({ err }, 'sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
