import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  assertUuid,
  type ConnectionShape,
  Errors,
  isUuid,
  newestFirstPage,
  pageSize,
  searchPattern,
} from '@trae/kit';
import type { FileAccess } from '../access/file-access.js';
import type { Storage } from '../storage/storage.js';
import { LIVE_LEASE } from '../upload/upload-lease.js';
import { File } from './file.entity.js';
import { FileStatus } from './file.enums.js';

export interface FileQuery {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  status?: FileStatus | null;
}

export type FileScope = { ownerId: string } | { channelId: string };

/**
 * Many files may share one blob (identical bytes are stored once). Whoever publishes or drops a blob
 * holds this lock, so a delete can never remove bytes an upload has just been promised.
 */
export async function withBlobLock<T>(
  orm: MikroORM,
  sha256: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`blob:${sha256}`]);
    return work(em);
  });
}

/** Reading, listing and deleting files; the rules live here, the resolvers only pass the caller in. */
export class FileService {
  constructor(
    private readonly orm: MikroORM,
    private readonly storage: Storage,
    /** UPLOAD_LEASE_MS: how long an upload's lease lasts unrenewed. */
    private readonly leaseMs: number,
  ) {}

  findByIds(ids: readonly string[]): Promise<File[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.orm.em.fork().find(File, { id: { $in: valid } }) : Promise.resolve([]);
  }

  async findById(id: string): Promise<File | null> {
    return isUuid(id) ? this.orm.em.fork().findOne(File, { id }) : null;
  }

  /** A file the caller may read; otherwise NOT_FOUND, so strangers cannot probe which ids exist. */
  async get(access: FileAccess, id: string): Promise<File> {
    assertUuid('id', id);
    const file = await this.findById(id);
    if (!file || !(await access.canRead(file))) throw Errors.notFound('File');
    return file;
  }

  async list(scope: FileScope, query: FileQuery): Promise<ConnectionShape<File>> {
    const limit = pageSize(query.first);
    const em = this.orm.em.fork();
    const where: Record<string, unknown> = { ...scope, status: query.status ?? FileStatus.READY };
    const like = searchPattern('search', query.search);
    if (like) where.filename = { $ilike: like };
    return newestFirstPage(em, File, where, query.after, limit);
  }

  /** Owners (and admins) delete; readers who are not owners get FORBIDDEN, everyone else NOT_FOUND. */
  async delete(access: FileAccess, id: string): Promise<void> {
    const file = await this.get(access, id);
    if (!access.canDelete(file)) throw Errors.forbidden('Only the owner may delete a file');
    if (file.status === FileStatus.UPLOADING) throw Errors.conflict('The file is still uploading');
    if (!file.sha256) {
      await this.orm.em.fork().nativeDelete(File, { id: file.id });
      return;
    }
    await withBlobLock(this.orm, file.sha256, async (em) => {
      await em.nativeDelete(File, { id: file.id });
      if ((await em.count(File, { sha256: file.sha256 })) === 0) await this.storage.remove(file.sha256!);
    });
  }

  /**
   * Bytes charged to a user: stored files, tickets still open (a reservation, whatever became of an
   * attempt), and live uploads past their ticket's expiry. An attempt whose process died counts no more
   * than its ticket does.
   */
  async usedBytes(ownerId: string, em: EntityManager = this.orm.em.fork()): Promise<number> {
    const [row] = await em.execute<{ used: string }[]>(
      `select coalesce(sum(size), 0) as used from files
       where owner_id = ? and (status = 'READY' or upload_expires_at > now()
         or (status = 'UPLOADING' and ${LIVE_LEASE}))`,
      [ownerId, this.leaseMs],
    );
    return Number(row?.used ?? 0);
  }
}
