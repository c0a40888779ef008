import type { Express } from 'express';
import type { UploadService } from '../modules/upload/upload.service.js';
import { type DownloadDeps, downloadRoutes } from './download.route.js';
import { type InternalDeps, internalRoutes } from './internal.route.js';
import { sendError } from './respond.js';
import { uploadRoutes } from './upload.route.js';

/**
 * The bytes travel over plain HTTP next to GraphQL: the gateway proxies `/files/*` here unchanged, and
 * `/internal/*` is reachable only from inside (and guarded by INTERNAL_SECRET).
 */
export function filesRoutes(deps: DownloadDeps & InternalDeps & { uploads: UploadService }) {
  return (app: Express) => {
    uploadRoutes(app, deps.uploads, deps.signer);
    downloadRoutes(app, deps);
    internalRoutes(app, deps);
    // Anything else here (another method, a mistyped path) gets our error shape, not Express's HTML page.
    app.use(['/files', '/internal/files'], (_req, res) =>
      sendError(res, 404, 'NOT_FOUND', 'No such files route'),
    );
  };
}
