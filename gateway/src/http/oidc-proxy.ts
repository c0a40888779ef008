import { Agent, type IncomingMessage, request } from 'node:http';
import { appError, gatewaySignatureHeaders, sendError } from '@trae/kit';
import type { Request, RequestHandler, Response } from 'express';

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
  const target = new URL(identityUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
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
    const upstream = request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: 'GET',
      path: `${basePath}/auth/oidc/${encodeURIComponent(provider)}/${leg}${query}`,
      headers,
      agent,
    });
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new Error(`identity silent for ${timeoutMs} ms`)));
    upstream.on('response', (incoming: IncomingMessage) => {
      res.status(incoming.statusCode ?? 502);
      for (const name of RESPONSE_HEADERS) {
        const value = incoming.headers[name];
        if (value) res.setHeader(name, value);
      }
      incoming.pipe(res);
      incoming.on('error', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      req.log.warn({ err }, 'identity unreachable for a provider sign-in');
      sendError(
        res,
        appError('SERVICE_UNAVAILABLE', 'Sign-in is unavailable; try again shortly', {
          serviceName: 'identity',
          http: { status: 502 },
        }),
      );
    });
    upstream.end();
  };
}
