import { appError, gatewaySignatureHeaders } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pickHeaders, relay, upstream } from './relay.js';

/** What a file transfer needs from the client; cookies and the rest stay at the edge. */
const REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'content-length',
  'range',
  'if-range',
  'if-none-match',
  'if-modified-since',
  'accept',
] as const;

/** What the files service says about the bytes; its own hop-by-hop headers are not ours to repeat. */
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'retry-after',
] as const;

/**
 * The files service's public routes (signed uploads and downloads, avatars). Anything else under
 * `/files` is not forwarded, so nothing the service mounts later is public by accident.
 */
const PUBLIC_PATH = /^\/files\/(?:uploads\/[^/]+|[^/]+\/content|avatars\/[^/]+)$/;

export interface FilesProxyOptions {
  /**
   * INTERNAL_SECRET: transfers are signed like the gateway's GraphQL fetches, so the files service
   * can believe the client address it logs (the signed URL stays the authorization).
   */
  internalSecret: string;
  /**
   * A transfer that moves no byte either way for this long is cut (the files service has its own,
   * shorter, upload idle limit, so this only catches a hung service).
   * @default 120_000
   */
  idleTimeoutMs?: number;
}

/**
 * `/files/*` to the files service, as a stream: uploads and downloads pass through in both directions
 * with `pipe`, so a slow reader or writer slows the other side instead of filling our memory. Range
 * and conditional headers go up, Content-* and caching headers come back, and a client that hangs up
 * (a cancelled upload, a player seeking) cancels the upstream transfer. Mount it before any body parser.
 */
export function filesProxy(filesUrl: string, options: FilesProxyOptions): RequestHandler {
  const files = upstream(filesUrl, 512);
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;

  return (req: Request, res: Response, next: NextFunction) => {
    if (!PUBLIC_PATH.test(req.originalUrl.split('?')[0])) {
      next();
      return;
    }
    relay(files, req, res, {
      method: req.method,
      path: req.originalUrl,
      headers: {
        ...gatewaySignatureHeaders(options.internalSecret, req.id, req.ip),
        'x-forwarded-proto': req.protocol,
        'x-forwarded-host': req.get('host'),
        ...pickHeaders(req, REQUEST_HEADERS),
      },
      answerHeaders: RESPONSE_HEADERS,
      timeoutMs: idleTimeoutMs,
      body: true,
      service: 'files service',
      unavailable: () =>
        appError('INTERNAL_SERVER_ERROR', 'The files service is unavailable', { http: { status: 502 } }),
    });
  };
}
