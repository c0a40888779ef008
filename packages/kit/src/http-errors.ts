import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { appError, type ErrorCode, Errors, httpStatusOf } from './errors.js';
import { isDependencyOutage } from './outage.js';

/**
 * Every answer outside GraphQL that is an error (`/internal/*`, `/files`, 404s, body-parser refusals)
 * has the shape of a GraphQL error response, so a client reads `errors[0].extensions.code` everywhere.
 * The status comes from the code's entry in the registry unless `extensions.http.status` overrides it
 * (413 for a body too large, 503 for an upstream that is down). The request id is in the
 * `x-request-id` header of every answer.
 */
export function sendError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number }; code?: string };
  res
    .status(http?.status ?? httpStatusOf(extensions.code))
    .json({ errors: [{ message: error.message, extensions }] });
}

/** The same, for a code and message at hand. */
export const sendErrorCode = (res: Response, code: ErrorCode, message: string) =>
  sendError(res, appError(code, message));

/** Last route of every service: a JSON 404 rather than Express's HTML page. */
export function notFound(_req: Request, res: Response) {
  sendError(res, Errors.notFound('Route'));
}

/** What body-parser (and raw-body) call the client's mistakes. */
const BODY_ERRORS: Record<string, () => GraphQLError> = {
  'entity.too.large': () => appError('BAD_USER_INPUT', 'Request body too large', { http: { status: 413 } }),
  'entity.parse.failed': () => Errors.badInput('body', 'Malformed JSON body'),
  'encoding.unsupported': () => Errors.badInput('body', 'Unsupported body encoding'),
  'charset.unsupported': () => Errors.badInput('body', 'Unsupported body charset'),
  'request.aborted': () => Errors.badInput('body', 'Request body aborted'),
  'request.size.invalid': () => Errors.badInput('body', 'Request body shorter than its Content-Length'),
};

/**
 * Last stop for errors outside Apollo: body-parser's refusals and coded errors are the client's
 * (with our codes and statuses), anything else is logged and answered with a generic 500. Nothing
 * thrown here reaches a client as a stack trace or Express's HTML page.
 */
export function errorHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string } | undefined)?.type;
    const known = type ? BODY_ERRORS[type]?.() : undefined;
    const coded = err instanceof GraphQLError && httpStatusOf(err.extensions.code) < 500 ? err : known;
    if (!coded) req.log.error({ err }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!req.complete) res.setHeader('connection', 'close');
    const fallback = isDependencyOutage(err)
      ? Errors.dependencyUnavailable()
      : appError('INTERNAL_SERVER_ERROR', 'Internal server error');
    sendError(res, coded ?? fallback);
  };
}
