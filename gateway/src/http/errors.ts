import { appError, Errors } from '@trae/kit';
import type { NextFunction, Request, Response } from 'express';
import { sendGraphQLError } from './graphql-error-response.js';

/** A JSON 404 rather than Express's HTML page. */
export function notFound(_req: Request, res: Response) {
  res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
}

/**
 * Last stop for errors outside Apollo: body-parser's refusals are the client's fault (with our
 * codes), anything else is logged and answered with a generic 500.
 */
export function errorHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      sendGraphQLError(res, appError('BAD_USER_INPUT', 'Request body too large', { http: { status: 413 } }));
      return;
    }
    if (type === 'entity.parse.failed') {
      sendGraphQLError(res, Errors.badInput('body', 'Malformed JSON body'));
      return;
    }
    req.log.error({ err }, 'request failed');
    if (res.headersSent) return;
    sendGraphQLError(res, appError('INTERNAL_SERVER_ERROR', 'Internal server error'));
  };
}
