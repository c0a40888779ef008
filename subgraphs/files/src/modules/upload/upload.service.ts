import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { appError, assertUuid, Errors, isUuid, type Logger, parseInput, type Redis } from '@trae/kit';
import type { FileAccess } from '../access/file-access.js';
import { File } from '../file/file.entity.js';
import { FileStatus } from '../file/file.enums.js';
import { newUploadSchema } from '../file/file.schema.js';
import { type FileService, withBlobLock } from '../file/file.service.js';
import type { StorageUsage } from '../file/file.types.js';
import type { UrlSigner } from '../signing/url-signer.js';
import type { Staged, Storage } from '../storage/storage.js';
import { normalizeType } from './content-type.js';
import { announceReady } from './file-events.js';
import { sanitizeFilename } from './filename.js';
import { UploadError, UploadErrors } from './upload-error.js';
import { LIVE_LEASE, NO_LEASE, type UploadLease } from './upload-lease.js';
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

/** One attempt at sending a file's bytes; `attempt` guards every write to the row after the claim. */
interface Attempt {
  file: File;
  attempt: string;
}

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
    private readonly lease: UploadLease,
    private readonly logger: Logger,
    /** Where `file.ready` is appended (`events:files`). */
    private readonly events: Redis,
    readonly metrics = new UploadMetrics(),
  ) {}

  async createUpload(access: FileAccess, input: NewUpload): Promise<Ticket> {
    const ownerId = access.user.id;
    if (!ownerId) throw Errors.unauthenticated();
    const sent = parseInput(newUploadSchema, input);
    const filename = sanitizeFilename(sent.filename);
    const contentType = normalizeType(sent.contentType);
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
    const held = await this.claim(id);
    const { file } = held;
    const lease = setInterval(() => void this.renewLease(held), this.lease.ms / 3);
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
      const staged = await this.storage.stage(bytes, file.size, held.attempt);
      try {
        const stored = await this.publish(held, staged, meter.sha256);
        this.metrics.record('stored', stored.size);
        await announceReady(this.events, stored, this.logger);
        return stored;
      } catch (err) {
        await staged.discard();
        throw err;
      }
    } catch (err) {
      await this.release(held, err);
      this.metrics.record(err instanceof UploadError && err.burnsTicket ? 'refused' : 'interrupted');
      throw err;
    } finally {
      clearInterval(lease);
    }
  }

  /**
   * Takes the ticket for a new attempt: a PENDING file, or one whose last attempt's process died (its
   * lease lapsed). A live attempt elsewhere keeps it.
   */
  private async claim(id: string): Promise<Attempt> {
    if (!isUuid(id)) throw new UploadError(404, 'NOT_FOUND', 'File not found');
    const em = this.orm.em.fork();
    const attempt = randomUUID();
    const claimed = await em.execute<Record<string, unknown>[]>(
      `update files set status = 'UPLOADING', lease_at = now(), lease_owner = ?, upload_attempt = ?,
         updated_at = now()
       where id = ? and upload_expires_at > now()
         and (status = 'PENDING' or (status = 'UPLOADING' and not ${LIVE_LEASE}))
       returning id`,
      [this.lease.owner, attempt, id, this.lease.ms],
    );
    const file = await em.findOne(File, { id });
    if (!file) throw new UploadError(404, 'NOT_FOUND', 'File not found');
    if (claimed.length) return { file, attempt };
    if (file.status === FileStatus.READY)
      throw new UploadError(409, 'CONFLICT', 'The file is already uploaded');
    if (file.status === FileStatus.UPLOADING)
      throw new UploadError(409, 'CONFLICT', 'An upload of this file is in progress');
    throw new UploadError(403, 'FORBIDDEN', 'The upload ticket has expired; create a new one');
  }

  private async publish({ file, attempt }: Attempt, staged: Staged, sha256: string): Promise<File> {
    return withBlobLock(this.orm, sha256, async (em) => {
      await staged.commit(sha256);
      const updated = await em.nativeUpdate(
        File,
        { id: file.id, status: FileStatus.UPLOADING, uploadAttempt: attempt },
        { status: FileStatus.READY, sha256, ...NO_LEASE, updatedAt: new Date() },
      );
      if (updated === 0) {
        // Swept, deleted or taken over under us (the lease lapsed): the blob may now belong to nobody.
        if ((await em.count(File, { sha256 })) === 0) await this.storage.remove(sha256);
        throw new UploadError(409, 'CONFLICT', 'The upload was cancelled while it was being stored');
      }
      return em.findOneOrFail(File, { id: file.id });
    });
  }

  /** After a failure: a refused body burns the ticket (the file goes), an interrupted one frees it. */
  private async release({ file, attempt }: Attempt, err: unknown): Promise<void> {
    const em = this.orm.em.fork();
    const mine = { id: file.id, status: FileStatus.UPLOADING, uploadAttempt: attempt };
    try {
      if (err instanceof UploadError && err.burnsTicket) {
        await em.nativeDelete(File, mine);
      } else {
        await em.nativeUpdate(File, mine, { status: FileStatus.PENDING, ...NO_LEASE });
      }
    } catch (releaseErr) {
      this.logger.error({ err: releaseErr, fileId: file.id }, 'could not release a failed upload');
    }
  }

  private async renewLease({ file, attempt }: Attempt): Promise<void> {
    try {
      await this.orm.em
        .fork()
        .execute(
          `update files set lease_at = now() where id = ? and upload_attempt = ? and status = 'UPLOADING'`,
          [file.id, attempt],
        );
    } catch (err) {
      this.logger.warn({ err, fileId: file.id }, 'lease renewal failed');
    }
  }
}
