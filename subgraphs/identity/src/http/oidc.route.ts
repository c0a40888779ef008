import { requireTrustedCaller } from '@trae/kit';
import type { Express, Request } from 'express';
import type { OidcService } from '../modules/oidc/oidc.service.js';

const clientOf = (req: Request) => ({ ip: req.clientIp, userAgent: req.get('user-agent') });

/**
 * The browser's legs of a provider sign-in, through the gateway: start (to the provider) and the
 * provider's callback (to the dashboard). Both answer with a redirect, errors included.
 */
export function oidcRoutes(app: Express, oidc: OidcService, internalSecret: string) {
  const trusted = requireTrustedCaller(internalSecret);
  app.get('/auth/oidc/:provider/start', trusted, async (req, res) => {
    const to = await oidc.start(String(req.params.provider), clientOf(req));
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, to);
  });
  app.get('/auth/oidc/:provider/callback', trusted, async (req, res) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const to = await oidc.callback(String(req.params.provider), query, clientOf(req));
    res.setHeader('cache-control', 'no-store');
    // The fragment carries the one-time code: no page it leads to may learn it from a Referer.
    res.setHeader('referrer-policy', 'no-referrer');
    res.redirect(302, to);
  });
}
