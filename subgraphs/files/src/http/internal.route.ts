import { type ChannelsClient, isUuid, requireInternal } from '@trae/kit';
import type { Express } from 'express';
import { FileAccess } from '../modules/access/file-access.js';
import { FileStatus } from '../modules/file/file.enums.js';
import type { FileService } from '../modules/file/file.service.js';
import type { Storage } from '../modules/storage/storage.js';
import { UploadError } from '../modules/upload/upload-error.js';
import { notFound, route } from './respond.js';
import { sendFile } from './send-file.js';

export interface InternalDeps {
  files: FileService;
  storage: Storage;
  channels: ChannelsClient;
  secret: string;
}

/**
 * Other services read a file with the authority of the user they act for (the research agent's
 * `data_analysis` passes the task's creator): the same rules as for that user, and 404 when they fail.
 * `x-file-name` is the filename, percent-encoded (decodeURIComponent).
 */
export function internalRoutes(app: Express, { files, storage, channels, secret }: InternalDeps) {
  app.get(
    '/internal/files/:id/content',
    requireInternal(secret),
    route(async (req, res) => {
      const userId = String(req.query.userId ?? '');
      if (!isUuid(userId))
        throw new UploadError(400, 'BAD_USER_INPUT', 'userId must be a user id', false, 'userId');
      const access = new FileAccess(
        channels,
        { id: userId, role: req.query.role === 'ADMIN' ? 'ADMIN' : 'USER' },
        req.id,
      );
      const file = await files.findById(String(req.params.id));
      if (!file || file.status !== FileStatus.READY || !(await access.canRead(file))) throw notFound();
      res.setHeader('x-file-name', encodeURIComponent(file.filename));
      res.setHeader('x-file-sha256', file.sha256!);
      await sendFile(req, res, file, storage, { cacheControl: 'no-store', disposition: 'attachment' });
    }),
  );
}
