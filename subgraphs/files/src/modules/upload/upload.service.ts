import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { appError, Errors, type Logger } from '@trae/kit';
import type { UrlSigner } from '../../signing/url-signer.js';
import type { Staged, Storage } from '../../storage/storage.js';
import type { FileAccess } from '../access/file-access.js';
import { File } from '../file/file.entity.js';
import { assertUuid, type FileService, isUuid, withBlobLock } from '../file/file.service.js';
import type { StorageUsage } from '../file/file.types.js';
import { FileStatus } from '../file/file-status.js';
import { normalizeType } from './content-type.js';
import { sanitizeFilename } from './filename.js';
import { UploadError, UploadErrors } from './upload-error.js';
import { UploadMetrics } from './upload-metrics.js';
import { Meter, Sniffer } from './upload-streams.js';

export interface UploadLimits {
  maxSize: number;
  userQuota: number;
  allowedTypes: readonly string[];
  ticketTtlSeconds: number;
  idleTimeoutMs: number;
}

export interface NewUpload {
  filename: string;
  contentType: string;
  size: number;
  channelId?: string | null;
}

export interface Ticket {
  file: File;
  uploadUrl: string;
  expiresAt: Date;
}

/** How often a live upload renews its lease; the sweeper treats a lease 10x older as a dead process. */
export const LEASE_MS = 30_000;

/**
 * The two halves of an upload: `createUpload` checks the metadata and reserves quota (GraphQL), `receive`
 * streams the bytes to storage through the size meter, the hash and the type sniffer (HTTP). A file is
 * READY only when all its bytes are stored under their hash; any failure leaves no bytes behind.
 */
export class UploadService {
  constructor(
    private readonly orm: MikroORM,
    private readonly storage: Storage,
    private readonly files: FileService,
    private readonly signer: UrlSigner,
    readonly limits: UploadLimits,
    private readonly logger: Logger,
    readonly metrics = new UploadMetrics(),
  ) {}

  async createUpload(access: FileAccess, input: NewUpload): Promise<Ticket> {
    const ownerId = access.user.id;
    if (!ownerId) throw Errors.unauthenticated();
    const filename = sanitizeFilename(input.filename);
    const contentType = normalizeType(input.contentType);
    if (!this.limits.allowedTypes.includes(contentType)) {
      throw Errors.badInput(
        'contentType',
        `${contentType || 'that type'} is not accepted; allowed: ${this.limits.allowedTypes.join(', ')}`,
      );
    }
    if (!Number.isSafeInteger(input.size) || input.size < 1) {
      throw Errors.badInput('size', 'size must be at least 1 byte (empty files are not stored)');
    }
    if (input.size > this.limits.maxSize) {
      throw Errors.badInput('size', `size must be at most ${this.limits.maxSize} bytes`);
    }
    if (input.channelId) {
      assertUuid('channelId', input.channelId);
      await access.requireChannelUploader(input.channelId);
    }
    const file = await this.orm.em.fork().transactional(async (em) => {
      // One quota check at a time per user, so two concurrent tickets cannot both fit the last gap.
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`quota:${ownerId}`]);
      const used = await this.files.usedBytes(ownerId, em);
      if (used + input.size > this.limits.userQuota) {
        throw appError(
          'BAD_USER_INPUT',
          `Storage quota exceeded: ${used} of ${this.limits.userQuota} bytes used`,
          {
            field: 'size',
            usedBytes: used,
            quotaBytes: this.limits.userQuota,
          },
        );
      }
      const created = em.create(File, {
        ownerId,
        channelId: input.channelId ?? null,
        filename,
        contentType,
        size: input.size,
        status: FileStatus.PENDING,
        uploadExpiresAt: new Date(Date.now() + this.limits.ticketTtlSeconds * 1000),
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      em.persist(created);
      return created;
    });
    const signed = this.signer.uploadUrl(file.id, file.uploadExpiresAt);
    return { file, uploadUrl: signed.url, expiresAt: signed.expiresAt };
  }

  async usage(ownerId: string): Promise<StorageUsage> {
    const em = this.orm.em.fork();
    return {
      usedBytes: await this.files.usedBytes(ownerId, em),
      fileCount: await em.count(File, { ownerId, status: FileStatus.READY }),
      quotaBytes: this.limits.userQuota,
      maxFileBytes: this.limits.maxSize,
      allowedTypes: [...this.limits.allowedTypes],
    };
  }

  /**
   * Takes the ticket (one upload at a time per file), streams `body` to storage and publishes the blob.
   * `declaredLength` is the request's Content-Length when it has one: a wrong one is refused before a
   * byte is read.
   */
  async receive(id: string, body: Readable, declaredLength?: number): Promise<File> {
    const file = await this.claim(id);
    const lease = setInterval(() => void this.renewLease(file.id), LEASE_MS);
    lease.unref();
    try {
      if (declaredLength !== undefined && declaredLength > file.size) throw UploadErrors.tooLarge(file.size);
      if (declaredLength !== undefined && declaredLength < file.size) {
        throw UploadErrors.tooShort(file.size, declaredLength);
      }
      const meter = new Meter(file.size, this.limits.idleTimeoutMs);
      // The source is piped, not handed to pipeline: a refusal must not destroy the HTTP request, or the
      // client would see a reset instead of our answer.
      body.pipe(meter);
      body.once('error', () => meter.destroy(UploadErrors.aborted()));
      body.once('close', () => {
        if (!body.readableEnded) meter.destroy(UploadErrors.aborted());
      });
      const bytes = pipeline(meter, new Sniffer(file.contentType), () => undefined);
      const staged = await this.storage.stage(bytes, file.size);
      try {
        const stored = await this.publish(file, staged, meter.sha256);
        this.metrics.record('stored', stored.size);
        return stored;
      } catch (err) {
        await staged.discard();
        throw err;
      }
    } catch (err) {
      await this.release(file, err);
      this.metrics.record(err instanceof UploadError && err.burnsTicket ? 'refused' : 'interrupted');
      throw err;
    } finally {
      clearInterval(lease);
    }
  }

  private async claim(id: string): Promise<File> {
    if (!isUuid(id)) throw new UploadError(404, 'NOT_FOUND', 'File not found');
    const em = this.orm.em.fork();
    const claimed = await em.execute<Record<string, unknown>[]>(
      `update files set status = 'UPLOADING', lease_at = now(), updated_at = now()
       where id = ? and status = 'PENDING' and upload_expires_at > now() returning id`,
      [id],
    );
    const file = await em.findOne(File, { id });
    if (!file) throw new UploadError(404, 'NOT_FOUND', 'File not found');
    if (claimed.length) return file;
    if (file.status === FileStatus.READY)
      throw new UploadError(409, 'CONFLICT', 'The file is already uploaded');
    if (file.status === FileStatus.UPLOADING)
      throw new UploadError(409, 'CONFLICT', 'An upload of this file is in progress');
    throw new UploadError(403, 'FORBIDDEN', 'The upload ticket has expired; create a new one');
  }

  private async publish(file: File, staged: Staged, sha256: string): Promise<File> {
    return withBlobLock(this.orm, sha256, async (em) => {
      await staged.commit(sha256);
      const updated = await em.nativeUpdate(
        File,
        { id: file.id, status: FileStatus.UPLOADING },
        { status: FileStatus.READY, sha256, leaseAt: null, updatedAt: new Date() },
      );
      if (updated === 0) {
        // Swept or deleted under us (the lease lapsed): the blob may now belong to nobody.
        if ((await em.count(File, { sha256 })) === 0) await this.storage.remove(sha256);
        throw new UploadError(409, 'CONFLICT', 'The upload was cancelled while it was being stored');
      }
      return em.findOneOrFail(File, { id: file.id });
    });
  }

  /** After a failure: a refused body burns the ticket (the file goes), an interrupted one frees it. */
  private async release(file: File, err: unknown): Promise<void> {
    const em = this.orm.em.fork();
    try {
      if (err instanceof UploadError && err.burnsTicket) {
        await em.nativeDelete(File, { id: file.id, status: FileStatus.UPLOADING });
      } else {
        await em.nativeUpdate(
          File,
          { id: file.id, status: FileStatus.UPLOADING },
          { status: FileStatus.PENDING, leaseAt: null },
        );
      }
    } catch (releaseErr) {
      this.logger.error({ err: releaseErr, fileId: file.id }, 'could not release a failed upload');
    }
  }

  private async renewLease(id: string): Promise<void> {
    try {
      await this.orm.em
        .fork()
        .nativeUpdate(File, { id, status: FileStatus.UPLOADING }, { leaseAt: new Date() });
    } catch (err) {
      this.logger.warn({ err, fileId: id }, 'lease renewal failed');
    }
  }
}
