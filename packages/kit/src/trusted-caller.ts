import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { sendErrorCode } from './http-errors.js';
import { INTERNAL_AUTH_HEADER } from './internal.js';
import { REQUEST_ID_HEADER } from './request.js';

export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';
/** The caller's address as the gateway saw it; believed only under a valid gateway signature. */
export const CLIENT_ADDRESS_HEADER = 'x-forwarded-for';
/** A signature older (or newer) than this is refused, so a captured header cannot be replayed for long. */
export const SIGNATURE_TOLERANCE_S = 60;

declare global {
  namespace Express {
    interface Request {
      /** The client address a trusted caller vouched for, else the socket's peer. */
      clientIp?: string;
    }
  }
}

const mac = (secret: string, t: number, requestId: string, clientIp: string) =>
  createHmac('sha256', secret).update(`${t}.${requestId}.${clientIp}`).digest();

/**
 * Headers the gateway adds to every subgraph call: `x-gateway-signature: t=<unix s>,v1=<hex>`, an HMAC
 * (keyed by INTERNAL_SECRET) over the time, the request id and the client address, so neither id nor
 * address can be swapped under a captured signature. One HMAC per request: a couple of microseconds.
 */
export function gatewaySignatureHeaders(
  secret: string,
  requestId: string,
  clientIp = '',
  now = Date.now(),
): Record<string, string> {
  const t = Math.floor(now / 1000);
  return {
    [GATEWAY_SIGNATURE_HEADER]: `t=${t},v1=${mac(secret, t, requestId, clientIp).toString('hex')}`,
    [REQUEST_ID_HEADER]: requestId,
    ...(clientIp ? { [CLIENT_ADDRESS_HEADER]: clientIp } : {}),
  };
}

export type CallerCheck =
  | { ok: true; via: 'gateway'; clientIp: string | undefined }
  | { ok: true; via: 'internal' }
  | { ok: false; reason: string };

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function sameBytes(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Who may call a subgraph: the gateway (a fresh, valid signature) or another service (the internal
 * secret). Works on the raw request, so the HTTP route and the WebSocket upgrade share it.
 */
export function checkCaller(req: IncomingMessage, secret: string, now = Date.now()): CallerCheck {
  const internal = header(req, INTERNAL_AUTH_HEADER);
  if (internal !== undefined) {
    return sameBytes(Buffer.from(internal), Buffer.from(secret))
      ? { ok: true, via: 'internal' }
      : { ok: false, reason: 'bad internal secret' };
  }
  const signature = header(req, GATEWAY_SIGNATURE_HEADER);
  if (!signature) return { ok: false, reason: 'no gateway signature' };
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(signature);
  if (!match) return { ok: false, reason: 'malformed gateway signature' };
  const t = Number(match[1]);
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_S)
    return { ok: false, reason: 'stale gateway signature' };
  const clientIp = header(req, CLIENT_ADDRESS_HEADER) ?? '';
  const expected = mac(secret, t, header(req, REQUEST_ID_HEADER) ?? '', clientIp);
  if (!sameBytes(Buffer.from(match[2], 'hex'), expected))
    return { ok: false, reason: 'bad gateway signature' };
  return { ok: true, via: 'gateway', clientIp: clientIp || undefined };
}

/**
 * Refuses (403 FORBIDDEN, the kit's error shape) requests that came neither through the gateway nor from another
 * service, and records the client address the gateway vouched for on `req.clientIp`.
 */
export function requireTrustedCaller(secret: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const check = checkCaller(req, secret);
    if (!check.ok) {
      req.log?.warn({ reason: check.reason, peer: req.socket.remoteAddress }, 'untrusted caller refused');
      sendErrorCode(res, 'FORBIDDEN', 'Only the gateway and platform services may call this service');
      return;
    }
    req.clientIp = (check.via === 'gateway' && check.clientIp) || req.socket.remoteAddress;
    next();
  };
}
