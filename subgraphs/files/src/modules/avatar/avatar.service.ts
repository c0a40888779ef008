import type { MikroORM } from '@mikro-orm/postgresql';
import { appError, Errors } from '@trae/kit';
import type { FileAccess } from '../access/file-access.js';
import { File } from '../file/file.entity.js';
import { FileStatus } from '../file/file.enums.js';
import type { FileService } from '../file/file.service.js';
import { Avatar } from './avatar.entity.js';

/** Raster images only: an SVG is a document that can carry script. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Avatars are uploaded files a user picks; picking one makes that image public at the avatar URL, the
 * way avatars are everywhere. Users without one are drawn an identicon.
 */
export class AvatarService {
  constructor(
    private readonly orm: MikroORM,
    private readonly files: FileService,
    private readonly publicUrl: string,
  ) {}

  async set(access: FileAccess, fileId: string): Promise<void> {
    const userId = access.user.id;
    if (!userId) throw Errors.unauthenticated();
    const file = await this.files.get(access, fileId);
    if (file.ownerId !== userId) throw Errors.forbidden('Only a file you uploaded can be your avatar');
    if (file.status !== FileStatus.READY) throw Errors.conflict('The file is not uploaded yet', 'fileId');
    if (!AVATAR_TYPES.includes(file.contentType)) {
      throw Errors.badInput('fileId', `An avatar must be one of ${AVATAR_TYPES.join(', ')}`);
    }
    if (file.size > AVATAR_MAX_BYTES) {
      throw appError('BAD_USER_INPUT', `An avatar must be at most ${AVATAR_MAX_BYTES} bytes`, {
        field: 'fileId',
      });
    }
    await this.orm.em
      .fork()
      .upsert(Avatar, { userId, fileId: file.id, updatedAt: new Date() }, { onConflictFields: ['userId'] });
  }

  async remove(userId: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(Avatar, { userId });
  }

  /** userId -> avatar file id, for a batch of users (one query for a page of users). */
  async fileIdsOf(userIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.orm.em.fork().find(Avatar, { userId: { $in: [...userIds] } });
    return new Map(rows.map((a) => [a.userId, a.fileId]));
  }

  /** The avatar image to serve, or null for an identicon. */
  async imageOf(userId: string): Promise<File | null> {
    const avatar = await this.orm.em.fork().findOne(Avatar, { userId });
    if (!avatar) return null;
    return this.orm.em.fork().findOne(File, { id: avatar.fileId, status: FileStatus.READY });
  }

  /** Stable per choice, so browsers cache it; `v` changes when the user picks another image. */
  url(userId: string, fileId: string | null | undefined): string {
    const url = new URL(`/files/avatars/${userId}`, this.publicUrl);
    url.searchParams.set('v', fileId ? fileId.slice(0, 8) : 'identicon');
    return url.toString();
  }
}
