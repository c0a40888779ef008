import { appError, type ErrorCode, httpStatusOf, sendError as sendKitError } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { UploadError } from '../modules/upload/upload-error.js';

/** The kit's error shape, with the status the refusal names (413, 415, 408 are finer than the code's own). */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
) {
  sendKitError(res, appError(code, message, { ...extensions, http: { status } }));
}

export const notFound = () => new UploadError(404, 'NOT_FOUND', 'File not found');

/**
 * Wraps an async route: our refusals become coded JSON errors with their status, anything else is logged
 * and answered with a bare 500. A refusal before the body was read closes the connection afterwards, so
 * the client need not send the rest of a body we will not take.
 */
export function route(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req: Request, res: Response, _next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (res.headersSent) {
        req.log.warn({ err }, 'response failed after headers were sent');
        res.destroy();
        return;
      }
      if (!req.complete) res.setHeader('connection', 'close');
      if (err instanceof UploadError) {
        req.log.info({ status: err.status, reason: err.message }, 'files request refused');
        sendError(res, err.status, err.code, err.message, err.field ? { field: err.field } : {});
        return;
      }
      if (err instanceof GraphQLError && httpStatusOf(err.extensions.code) < 500) {
        sendKitError(res, err);
        return;
      }
      req.log.error({ err }, 'files request failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}
