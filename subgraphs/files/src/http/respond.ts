import type { ErrorCode } from '@trae/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { UploadError } from '../modules/upload/upload-error.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** The same error shape the GraphQL side uses, so clients read one format. */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
) {
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
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
      const code = err instanceof GraphQLError ? (err.extensions.code as ErrorCode) : undefined;
      if (code && STATUS[code]) {
        const { code: _c, ...extensions } = (err as GraphQLError).extensions;
        sendError(res, STATUS[code], code, (err as Error).message, extensions);
        return;
      }
      req.log.error({ err }, 'files request failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}
