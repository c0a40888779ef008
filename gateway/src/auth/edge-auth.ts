import {
  bearerToken,
  Errors,
  GUEST,
  type Logger,
  logFor,
  type Principal,
  type Redis,
  RevocationCheck,
  type TokenVerifier,
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
  logger: Logger;
  /** REVOCATION_FAIL_OPEN_SECONDS: how long tokens pass on their signature alone while Redis is away. */
  revocationFailOpenSeconds: number;
}

/**
 * Decides who the caller is from `Authorization`: nothing means guest, `trae_…` is an API key traded
 * for an access token, anything else must be a valid, unrevoked access JWT. The HTTP and WebSocket
 * paths share `authenticate`.
 */
export class EdgeAuth {
  private readonly verify: TokenVerifier;
  private readonly revocations: RevocationCheck;

  constructor(private readonly options: EdgeAuthOptions) {
    this.revocations = new RevocationCheck(options.redis, {
      logger: options.logger,
      failOpenSeconds: options.revocationFailOpenSeconds,
    });
    this.verify = this.revocations.verifier(options.verify);
  }

  async authenticate(header: string | undefined): Promise<EdgeIdentity> {
    if (!header) return { principal: GUEST };
    const token = bearerToken(header);
    if (!token) throw Errors.unauthenticated('Authorization must be "Bearer <token>"');
    return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token) : this.fromJwt(token);
  }

  /** Whether identity has revoked the credential since it was let in (long-lived sockets ask this). */
  isRevoked(principal: Principal): Promise<boolean> {
    return this.revocations.isRevoked(principal);
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
      if (typeof err.extensions.retryAfter === 'number')
        res.setHeader('retry-after', String(err.extensions.retryAfter));
      sendGraphQLError(res, err);
      return;
    }
    next();
  };
}
