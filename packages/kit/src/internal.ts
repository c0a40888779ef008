import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Errors } from './errors.js';
import { sendError } from './http-errors.js';

export const INTERNAL_AUTH_HEADER = 'x-internal-auth';

/** Guards `/internal/*` routes: only other services, holding INTERNAL_SECRET, get through. */
export function requireInternal(secret: string) {
  const expected = Buffer.from(secret);
  return (req: Request, res: Response, next: NextFunction) => {
    const given = Buffer.from(req.header(INTERNAL_AUTH_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendError(res, Errors.forbidden('Internal endpoint'));
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
