import { Agent, type IncomingMessage, request } from 'node:http';
import { appError, gatewaySignatureHeaders, sendError } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

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

function sendBadGateway(res: Response, message: string) {
  sendError(res, appError('INTERNAL_SERVER_ERROR', message, { http: { status: 502 } }));
}

/**
 * `/files/*` to the files service, as a stream: uploads and downloads pass through in both directions
 * with `pipe`, so a slow reader or writer slows the other side instead of filling our memory. Range
 * and conditional headers go up, Content-* and caching headers come back, and a client that hangs up
 * cancels the upstream transfer. Mount it before any body parser.
 */
export function filesProxy(filesUrl: string, options: FilesProxyOptions): RequestHandler {
  const target = new URL(filesUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;

  return (req: Request, res: Response, next: NextFunction) => {
    if (!PUBLIC_PATH.test(req.originalUrl.split('?')[0])) {
      next();
      return;
    }
    const headers: Record<string, string | string[] | undefined> = {
      ...gatewaySignatureHeaders(options.internalSecret, req.id, req.ip),
      'x-forwarded-proto': req.protocol,
      'x-forwarded-host': req.get('host'),
    };
    for (const name of REQUEST_HEADERS) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const upstream = request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${basePath}${req.originalUrl}`,
      headers,
      agent,
    });
    let answered = false;

    upstream.setTimeout(idleTimeoutMs, () =>
      upstream.destroy(new Error(`files service idle for ${idleTimeoutMs} ms`)),
    );
    upstream.on('response', (incoming: IncomingMessage) => {
      answered = true;
      res.status(incoming.statusCode ?? 502);
      for (const name of RESPONSE_HEADERS) {
        const value = incoming.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      if (!req.complete) {
        // The service answered before the body ended (a refused upload): stop relaying it, and close
        // the client's connection after the answer rather than read the rest of a body nobody wants.
        req.unpipe(upstream);
        res.setHeader('connection', 'close');
      }
      incoming.pipe(res);
      incoming.on('error', () => res.destroy());
      incoming.on('aborted', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (answered || res.headersSent) {
        res.destroy();
        return;
      }
      req.log.warn({ err }, 'files service unreachable');
      if (!req.complete) res.setHeader('connection', 'close');
      sendBadGateway(res, 'The files service is unavailable');
    });
    // A client that goes away (a cancelled upload, a player seeking) cancels the upstream transfer.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
