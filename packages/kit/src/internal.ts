import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from './errors.js';
import { sendError } from './http-errors.js';

export const INTERNAL_AUTH_HEADER = 'x-internal-auth';

/** What a refusal of the guard carries, so a caller can tell a wrong secret from a refused request. */
export const INTERNAL_SECRET_REFUSED = 'INTERNAL_SECRET';

/** Guards `/internal/*` routes: only other services, holding INTERNAL_SECRET, get through. */
export function requireInternal(secret: string) {
  const expected = Buffer.from(secret);
  return (req: Request, res: Response, next: NextFunction) => {
    const given = Buffer.from(req.header(INTERNAL_AUTH_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendError(res, ErrorCodes.FORBIDDEN.err('Internal endpoint', { reason: INTERNAL_SECRET_REFUSED }));
      return;
    }
    next();
  };
}

/** Headers for calling another service's `/internal/*` routes. */
export const internalHeaders = (secret: string, requestId?: string): Record<string, string> => ({
  [INTERNAL_AUTH_HEADER]: secret,
  ...(requestId ? { 'x-request-id': requestId } : {}),
});
