import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { File } from '../modules/file/file.entity.js';
import type { Storage } from '../modules/storage/storage.js';
import { isTextType } from '../modules/upload/content-type.js';
import { parseRange } from './range.js';

/** Shown in the browser; everything else is offered as a download. Never SVG or HTML: they can run script. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|video\/.+|audio\/.+)$/;

/** Uploaded bytes run nothing and load nothing, even when a browser is tricked into rendering them. */
export const UNTRUSTED_CONTENT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

/** RFC 6266: an ASCII fallback for old clients plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface SendOptions {
  cacheControl: string;
  disposition?: 'inline' | 'attachment';
}

/**
 * Streams a READY file with the caching, range and safety headers: ETag (the sha256), 304 on a match,
 * one `Range` (206, or 416 past the end; `If-Range` with another tag sends it all), HEAD without bytes.
 */
export async function sendFile(
  req: Request,
  res: Response,
  file: File,
  storage: Storage,
  options: SendOptions,
) {
  const etag = `"${file.sha256}"`;
  res.setHeader('etag', etag);
  res.setHeader('cache-control', options.cacheControl);
  res.setHeader('accept-ranges', 'bytes');
  res.setHeader('last-modified', file.updatedAt.toUTCString());
  for (const [name, value] of Object.entries(UNTRUSTED_CONTENT_HEADERS)) res.setHeader(name, value);
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
    res.status(304).end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const wanted =
    ifRange && ifRange !== etag ? { kind: 'all' as const } : parseRange(req.headers.range, file.size);
  if (wanted.kind === 'unsatisfiable') {
    res.setHeader('content-range', `bytes */${file.size}`);
    res.status(416).end();
    return;
  }
  const range = wanted.kind === 'range' ? wanted.range : undefined;
  const length = range ? range.end - range.start + 1 : file.size;
  // Opened before any status is set, so a missing blob still gets a clean error response.
  const body = req.method === 'HEAD' ? undefined : await storage.open(file.sha256!, range);
  res.status(range ? 206 : 200);
  if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
  res.setHeader(
    'content-type',
    isTextType(file.contentType) ? `${file.contentType}; charset=utf-8` : file.contentType,
  );
  res.setHeader('content-length', String(length));
  const kind = options.disposition ?? (INLINE.test(file.contentType) ? 'inline' : 'attachment');
  res.setHeader('content-disposition', contentDisposition(kind, file.filename));
  if (!body) {
    res.end();
    return;
  }
  try {
    await pipeline(body, res);
  } catch (err) {
    // A client that goes away mid-download is normal (media players do it when seeking).
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      req.log.warn({ err, fileId: file.id }, 'download failed midway');
    }
  }
}
