import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Express, Request } from 'express';
import type { File } from '../modules/file/file.entity.js';
import type { UrlSigner } from '../modules/signing/url-signer.js';
import type { UploadService } from '../modules/upload/upload.service.js';
import { UploadError } from '../modules/upload/upload-error.js';
import { route } from './respond.js';
import { requireSignature } from './signature.js';

const view = (file: File) => ({
  id: file.id,
  filename: file.filename,
  contentType: file.contentType,
  size: file.size,
  sha256: file.sha256,
  status: file.status,
});

function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/** The first file part of a multipart form; other fields are ignored. */
function filePart(req: Request): Promise<Readable> {
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fieldSize: 8 * 1024, parts: 30 },
      });
    } catch {
      reject(
        new UploadError(
          415,
          'BAD_USER_INPUT',
          'POST needs multipart/form-data with a `file` part',
          false,
          'file',
        ),
      );
      return;
    }
    form.once('file', (_name, stream) => {
      // busboy does not hear about a client that hangs up; the file stream must.
      req.once('close', () => {
        if (!req.complete) stream.destroy(new Error('client aborted'));
      });
      resolve(stream);
    });
    form.once('error', (err) =>
      reject(
        new UploadError(400, 'BAD_USER_INPUT', `Malformed form: ${(err as Error).message}`, false, 'file'),
      ),
    );
    form.once('close', () =>
      reject(new UploadError(400, 'BAD_USER_INPUT', 'The form has no file part', false, 'file')),
    );
    req.pipe(form);
  });
}

/**
 * Where signed upload URLs point: PUT with the raw bytes (scripts, the SDKs) or POST multipart (browser
 * forms). Both stream through the same checks in UploadService.receive.
 */
export function uploadRoutes(app: Express, uploads: UploadService, signer: UrlSigner) {
  app.put(
    '/files/uploads/:id',
    route(async (req, res) => {
      const id = requireSignature(signer, 'upload', req);
      const file = await uploads.receive(id, req, declaredLength(req));
      res.status(201).json(view(file));
    }),
  );
  app.post(
    '/files/uploads/:id',
    route(async (req, res) => {
      const id = requireSignature(signer, 'upload', req);
      const file = await uploads.receive(id, await filePart(req));
      res.status(201).json(view(file));
    }),
  );
}
