import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * A request id from outside is only a correlation label: it starts with a letter or digit, holds
 * nothing a log line or header could be bent with, and is short. It never decides who may see what
 * (logs are filtered on the user recorded at the edge, not on ids a client chose).
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const isRequestId = (value: unknown): value is string =>
  typeof value === 'string' && SAFE_ID.test(value);

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
 * The logger for what a verified caller's request does: its lines carry `userId`, which is how
 * observability shows a user the lines of their own requests and nobody else's.
 */
export function logFor(log: Logger, user: { id: string | null }): Logger {
  return user.id ? log.child({ userId: user.id }) : log;
}

/**
 * Takes the caller's request id when it is well formed (the gateway sets one), otherwise makes one,
 * echoes it back, and gives the request a child logger that carries it (and, once whoever handles
 * the request has verified the caller, `logFor` their id: the `request` line reads `req.log` last).
 */
export function requestIdMiddleware(
  logger: Logger,
  /** Paths (exact, or patterns) whose `request` lines go at debug: probes, scrapes, static assets. */
  quietPaths: (string | RegExp)[] = ['/health', '/ready', '/metrics'],
) {
  const quiet = (path: string) =>
    INTERNAL_PROBE.test(path) || quietPaths.some((p) => (typeof p === 'string' ? p === path : p.test(path)));
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    req.id = isRequestId(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader(REQUEST_ID_HEADER, req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = quiet(req.path) ? 'debug' : 'info';
      req.log[level](
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
