import { requireTrustedCaller } from '@trae/kit';
import type { Express, Request } from 'express';
import type { OidcService } from '../modules/oidc/oidc.service.js';

const clientOf = (req: Request) => ({ ip: req.clientIp, userAgent: req.get('user-agent') });
/** Binds a started sign-in to the browser that started it (see Flow.browser). */
const COOKIE = 'trae_oidc';

const readCookie = (req: Request): string | undefined =>
  (req.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);

export interface OidcRouteOptions {
  internalSecret: string;
  /** OIDC_FLOW_TTL_SECONDS: the cookie lives as long as the flow. */
  flowSeconds: number;
  /** GATEWAY_URL is https: the cookie is sent over TLS only. */
  secureCookie: boolean;
}

/**
 * The browser's legs of a provider sign-in, through the gateway: start (to the provider) and the
 * provider's callback (to the dashboard). Both answer with a redirect, errors included.
 */
export function oidcRoutes(app: Express, oidc: OidcService, options: OidcRouteOptions) {
  const trusted = requireTrustedCaller(options.internalSecret);
  const cookie = (provider: string, value: string, maxAge: number) =>
    `${COOKIE}=${value}; Path=/auth/oidc/${encodeURIComponent(provider)}/callback; Max-Age=${maxAge}; ` +
    `HttpOnly; SameSite=Lax${options.secureCookie ? '; Secure' : ''}`;

  app.get('/auth/oidc/:provider/start', trusted, async (req, res) => {
    const provider = String(req.params.provider);
    const { location, binding } = await oidc.start(provider, clientOf(req));
    // Lax: the provider's redirect back is a top-level GET, which carries it; nothing else cross-site does.
    if (binding) res.setHeader('set-cookie', cookie(provider, binding, options.flowSeconds));
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, location);
  });
  app.get('/auth/oidc/:provider/callback', trusted, async (req, res) => {
    const provider = String(req.params.provider);
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const to = await oidc.callback(provider, query, readCookie(req), clientOf(req));
    res.setHeader('set-cookie', cookie(provider, '', 0));
    res.setHeader('cache-control', 'no-store');
    // The fragment carries the one-time code: no page it leads to may learn it from a Referer.
    res.setHeader('referrer-policy', 'no-referrer');
    res.redirect(302, to);
  });
}
