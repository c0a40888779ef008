import { appendEvent, type Logger, type Redis } from '@trae/kit';
import type { File } from '../file/file.entity.js';

export const FILES_STREAM = 'events:files';
export const FILE_READY = 'file.ready';

/** What `file.ready` carries on `events:files`: the webhooks service sends it to the owner's endpoints. */
export interface FileReady {
  fileId: string;
  ownerId: string;
  channelId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  readyAt: string;
}

/**
 * Announces a stored file. The upload has succeeded whatever happens here: a Redis blip costs the
 * event (logged), never the user's answer, and the file stays READY either way.
 */
export async function announceReady(redis: Redis, file: File, logger: Logger): Promise<void> {
  const event: FileReady = {
    fileId: file.id,
    ownerId: file.ownerId,
    channelId: file.channelId,
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256 ?? '',
    readyAt: file.updatedAt.toISOString(),
  };
  try {
    await appendEvent(redis, FILES_STREAM, FILE_READY, event);
  } catch (err) {
    logger.warn({ err, fileId: file.id }, 'file.ready not announced');
  }
}
