import {
  bearerToken,
  Errors,
  GUEST,
  isRevoked,
  logFor,
  type Principal,
  type Redis,
  type TokenVerifier,
  withRevocations,
} from '@trae/kit';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { EdgeIdentity } from '../context.js';
import { sendGraphQLError } from '../http/graphql-error-response.js';
import type { ApiKeyExchange } from './api-key-exchange.js';

export const API_KEY_PREFIX = 'trae_';

export interface EdgeAuthOptions {
  verify: TokenVerifier;
  /** Prefixed connection (kit createRedis) for identity's revocation marks (kit `revocationKeys`). */
  redis: Redis;
  apiKeys: ApiKeyExchange;
}

/**
 * Decides who the caller is from `Authorization`: nothing means guest, `trae_…` is an API key traded
 * for an access token, anything else must be a valid, unrevoked access JWT. The HTTP and WebSocket
 * paths share `authenticate`.
 */
export class EdgeAuth {
  private readonly verify: TokenVerifier;

  constructor(private readonly options: EdgeAuthOptions) {
    this.verify = withRevocations(options.verify, options.redis);
  }

  async authenticate(header: string | undefined): Promise<EdgeIdentity> {
    if (!header) return { principal: GUEST };
    const token = bearerToken(header);
    if (!token) throw Errors.unauthenticated('Authorization must be "Bearer <token>"');
    return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token) : this.fromJwt(token);
  }

  /** Whether identity has revoked the credential since it was let in (long-lived sockets ask this). */
  isRevoked(principal: Principal): Promise<boolean> {
    return isRevoked(this.options.redis, principal);
  }

  private async fromApiKey(apiKey: string): Promise<EdgeIdentity> {
    const first = await this.options.apiKeys.exchange(apiKey);
    try {
      return await this.fromJwt(first.accessToken);
    } catch (err) {
      if (!first.fromCache) throw err;
      // A cached token can be outlived by a revocation we missed; let identity decide once more.
      this.options.apiKeys.forget(apiKey);
      return this.fromJwt((await this.options.apiKeys.exchange(apiKey)).accessToken);
    }
  }

  private async fromJwt(token: string): Promise<EdgeIdentity> {
    return { principal: await this.verify(token), authorization: `Bearer ${token}` };
  }
}

/**
 * Puts the caller on `res.locals.identity` (and their id on the request's log lines), or answers 401
 * with a GraphQL-shaped error.
 */
export function edgeAuthMiddleware(auth: EdgeAuth) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.identity = await auth.authenticate(req.header('authorization'));
      req.log = logFor(req.log, res.locals.identity.principal);
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      if (err.extensions.code === 'UNAUTHENTICATED')
        res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      sendGraphQLError(res, err);
      return;
    }
    next();
  };
}
