import { appError, gatewaySignatureHeaders } from '@trae/kit';
import type { Request, RequestHandler, Response } from 'express';
import { relay, upstream } from './relay.js';

/** The two browser legs of a provider sign-in; anything else under `/auth/oidc` is not forwarded. */
const LEGS = new Set(['start', 'callback']);
/** What a redirect needs; identity's other headers are not ours to repeat. */
const RESPONSE_HEADERS = [
  'location',
  'set-cookie',
  'cache-control',
  'referrer-policy',
  'content-type',
  'retry-after',
] as const;
/** The one cookie identity reads here: it binds a sign-in to the browser that started it. */
const FLOW_COOKIE = /(?:^|;\s*)(trae_oidc=[^;]*)/;

export interface OidcProxyOptions {
  /** INTERNAL_SECRET: identity believes the client address (its rate limits and audit) only when signed. */
  internalSecret: string;
  /**
   * The callback waits on the provider (token, userinfo); past this the browser gets 502.
   * @default 30_000
   */
  timeoutMs?: number;
}

/**
 * `GET /auth/oidc/:provider/(start|callback)` to identity, query string and all (the provider's `code`
 * and `state`), answered with identity's redirect and its flow cookie. Of the browser's cookies only
 * that one goes up, and no credential: the flow itself lives in identity's Redis.
 */
export function oidcProxy(identityUrl: string, options: OidcProxyOptions): RequestHandler {
  const identity = upstream(identityUrl, 128);
  const timeoutMs = options.timeoutMs ?? 30_000;

  return (req: Request, res: Response, next) => {
    const { provider, leg } = req.params as { provider: string; leg: string };
    if (!LEGS.has(leg)) {
      next();
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const headers: Record<string, string> = gatewaySignatureHeaders(options.internalSecret, req.id, req.ip);
    const agentHeader = req.get('user-agent');
    if (agentHeader) headers['user-agent'] = agentHeader;
    const flowCookie = FLOW_COOKIE.exec(req.get('cookie') ?? '')?.[1];
    if (flowCookie) headers.cookie = flowCookie;
    relay(identity, req, res, {
      method: 'GET',
      path: `/auth/oidc/${encodeURIComponent(provider)}/${leg}${query}`,
      headers,
      answerHeaders: RESPONSE_HEADERS,
      timeoutMs,
      body: false,
      service: 'identity',
      unavailable: () =>
        appError('SERVICE_UNAVAILABLE', 'Sign-in is unavailable; try again shortly', {
          serviceName: 'identity',
          http: { status: 502 },
        }),
    });
  };
}
