import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Services' health probes of each other (`/internal/agents/health`), polled every few seconds. */
const INTERNAL_PROBE = /^\/internal\/(?:[\w-]+\/)*health$/;

declare global {
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
    }
  }
}

/**
 * Takes the caller's request id when it is well formed (the gateway sets one), otherwise makes one,
 * echoes it back, and gives the request a child logger that carries it.
 */
export function requestIdMiddleware(
  logger: Logger,
  quietPaths: string[] = ['/health', '/ready', '/metrics'],
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader(REQUEST_ID_HEADER, req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = quietPaths.includes(req.path) || INTERNAL_PROBE.test(req.path) ? 'debug' : 'info';
      req.log[level](
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
