import { isUuid } from '@trae/kit';
import type { Express } from 'express';
import type { AvatarService } from '../modules/avatar/avatar.service.js';
import { identicon } from '../modules/avatar/identicon.js';
import { FileStatus } from '../modules/file/file.enums.js';
import type { FileService } from '../modules/file/file.service.js';
import type { UrlSigner } from '../modules/signing/url-signer.js';
import type { Storage } from '../modules/storage/storage.js';
import { notFound, route } from './respond.js';
import { sendFile, UNTRUSTED_CONTENT_HEADERS } from './send-file.js';
import { requireSignature } from './signature.js';

export interface DownloadDeps {
  files: FileService;
  avatars: AvatarService;
  storage: Storage;
  signer: UrlSigner;
}

/** Signed downloads, and avatars (public by design, like avatars everywhere). */
export function downloadRoutes(app: Express, { files, avatars, storage, signer }: DownloadDeps) {
  app.get(
    '/files/:id/content',
    route(async (req, res) => {
      const id = requireSignature(signer, 'download', req);
      const file = await files.findById(id);
      if (!file || file.status !== FileStatus.READY) throw notFound();
      const expires = Number(req.query.expires) - Math.floor(Date.now() / 1000);
      await sendFile(req, res, file, storage, { cacheControl: `private, max-age=${Math.max(0, expires)}` });
    }),
  );

  app.get(
    '/files/avatars/:userId',
    route(async (req, res) => {
      const userId = String(req.params.userId);
      if (!isUuid(userId)) throw notFound();
      const image = await avatars.imageOf(userId);
      const cacheControl = 'public, max-age=300';
      if (image) {
        await sendFile(req, res, image, storage, { cacheControl, disposition: 'inline' });
        return;
      }
      for (const [name, value] of Object.entries(UNTRUSTED_CONTENT_HEADERS)) res.setHeader(name, value);
      res.setHeader('cache-control', cacheControl);
      res.type('image/svg+xml').send(identicon(userId));
    }),
  );
}
