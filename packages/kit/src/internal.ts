import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from './auth.js';
import { ErrorCodes, Errors } from './errors.js';
import { sendError } from './http-errors.js';
import { isUuid } from './ids.js';

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

/**
 * The user an internal call acts for (another service passing on its caller: an agent task's creator,
 * with the role identity gave the run), held to the `@Authorized()` rule of the operations it mirrors:
 * people only (USER, ADMIN). `refusal` is the FORBIDDEN message for anyone else.
 */
export function actingUser(userId: unknown, role: unknown, refusal: string): Principal {
  if (!isUuid(userId)) throw Errors.badInput('userId', 'userId must be a user id');
  if (role !== 'USER' && role !== 'ADMIN') throw Errors.forbidden(refusal);
  return { id: userId, role };
}
