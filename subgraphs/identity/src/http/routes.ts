import { Errors, requireInternal, sendError } from '@trae/kit';
import express, { type Express } from 'express';
import type { ApiKeyService } from '../modules/api-key/api-key.service.js';
import type { OidcService } from '../modules/oidc/oidc.service.js';
import type { KeyService } from '../modules/signing-key/signing-key.service.js';
import type { UserService } from '../modules/user/user.service.js';
import { authorityRoute } from './authority.route.js';
import { type OidcRouteOptions, oidcRoutes } from './oidc.route.js';

/**
 * Plain HTTP next to GraphQL: the browser's legs of an OpenID Connect sign-in, the JWKS every service verifies tokens with, and the API-key exchange
 * the gateway calls and a user's current authority other services ask for (only with INTERNAL_SECRET).
 */
export function identityRoutes(
  keys: KeyService,
  apiKeys: ApiKeyService,
  users: UserService,
  oidc: OidcService,
  internalSecret: string,
  oidcRoute: Omit<OidcRouteOptions, 'internalSecret'>,
) {
  return (app: Express) => {
    authorityRoute(app, users, internalSecret);
    oidcRoutes(app, oidc, { internalSecret, ...oidcRoute });
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=300');
      res.json(keys.publicKeySet);
    });
    app.post(
      '/internal/api-keys/exchange',
      requireInternal(internalSecret),
      express.json({ limit: '4kb' }),
      async (req, res, next) => {
        try {
          const apiKey = typeof req.body?.apiKey === 'string' ? req.body.apiKey : '';
          const exchange = await apiKeys.exchange(apiKey);
          if (!exchange) {
            sendError(res, Errors.unauthenticated('Invalid, revoked or expired API key'));
            return;
          }
          res.json(exchange);
        } catch (err) {
          next(err);
        }
      },
    );
  };
}
