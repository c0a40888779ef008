import type { ServerOptions } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { appError } from './errors.js';
import { sendError } from './http-errors.js';

export interface HttpDeadlines {
  /**
   * A client must have sent its request line and headers within this long.
   * @default 20_000
   */
  headersTimeoutMs: number;
  /**
   * A request body must have arrived in full within this long of the headers; a trickled body is
   * answered 408 and its connection closed.
   * @default 30_000
   */
  bodyTimeoutMs: number;
  /**
   * Routes that stream long bodies (uploads) and cut stalls with their own idle timeout instead.
   * @default none
   */
  exempt?: (req: Request) => boolean;
}

export const DEFAULT_DEADLINES: HttpDeadlines = { headersTimeoutMs: 20_000, bodyTimeoutMs: 30_000 };

/** The deadlines from a service's config (HTTP_HEADERS_TIMEOUT_MS, HTTP_BODY_TIMEOUT_MS). */
export const httpDeadlines = (config: { HTTP_HEADERS_TIMEOUT_MS: number; HTTP_BODY_TIMEOUT_MS: number }) => ({
  headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
  bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
});

/**
 * Options for `createServer`. Node's own `requestTimeout` is one limit for every route (a long upload
 * and a JSON body alike), so it is off and `bodyDeadline` takes its place per route. Node checks the
 * header deadline only every `connectionsCheckingInterval`, so that interval follows the deadline.
 */
export function httpServerOptions(deadlines: HttpDeadlines): ServerOptions {
  return {
    headersTimeout: deadlines.headersTimeoutMs,
    requestTimeout: 0,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(deadlines.headersTimeoutMs / 4))),
  };
}

/**
 * Answers 408 (and closes the connection) when a request body has not fully arrived within
 * `bodyTimeoutMs`, so a slow client cannot hold a socket and a parser by trickling bytes.
 */
export function bodyDeadline(deadlines: HttpDeadlines) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.complete || deadlines.exempt?.(req)) {
      next();
      return;
    }
    const timer = setTimeout(() => {
      if (req.complete || res.writableFinished) return;
      req.log?.warn({ ms: deadlines.bodyTimeoutMs }, 'request body too slow; connection closed');
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      res.setHeader('connection', 'close');
      res.once('finish', () => req.socket.destroy());
      sendError(
        res,
        appError('BAD_USER_INPUT', `Request body not received within ${deadlines.bodyTimeoutMs} ms`, {
          http: { status: 408 },
        }),
      );
    }, deadlines.bodyTimeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    next();
  };
}
