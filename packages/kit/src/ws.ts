import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bearerToken, GUEST, type Principal, type TokenVerifier } from './auth.js';
import { toClientError } from './errors.js';
import type { Logger } from './logger.js';
import { REQUEST_ID_HEADER } from './request.js';
import { checkCaller } from './trusted-caller.js';

/** Close codes we send, beside graphql-ws's own (4400 bad request, 4403 forbidden, 4408 init timeout). */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  TokenExpired: 4401,
  GoingAway: 1001,
} as const;

export interface WsContextInput {
  user: Principal;
  requestId: string;
  request: IncomingMessage;
}

export interface SubscriptionServerOptions {
  http: Server;
  schema: GraphQLSchema;
  verifyToken: TokenVerifier;
  /** Only the gateway (signed upgrade) and other services may open a socket; others get 403. */
  internalSecret: string;
  logger: Logger;
  context: (input: WsContextInput) => Record<string, unknown>;
}

interface ConnectionState {
  user?: Principal;
  expiry?: NodeJS.Timeout;
}

/**
 * graphql-ws on the same port and path as HTTP GraphQL. The token comes in the `connection_init`
 * payload (`{ authorization: "Bearer …" }`); a bad one closes the socket with 4403 before anything
 * is sent, and the socket closes with 4401 when the token expires, so a stream never outlives its
 * credentials.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const wss = new WebSocketServer({
    server: options.http,
    path: '/graphql',
    verifyClient: ({ req }, done) => {
      const check = checkCaller(req, options.internalSecret);
      if (check.ok) return done(true);
      options.logger.warn(
        { reason: check.reason, peer: req.socket.remoteAddress },
        'untrusted socket refused',
      );
      done(false, 403, 'Forbidden');
    },
  });
  const states = new WeakMap<object, ConnectionState>();
  const server = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        const token = bearerToken(typeof header === 'string' ? header : undefined);
        const state: ConnectionState = {};
        states.set(ctx.extra, state);
        if (!token) {
          state.user = GUEST;
          return true;
        }
        try {
          state.user = await options.verifyToken(token);
        } catch {
          return false;
        }
        const msLeft = (state.user.expiresAt ?? Number.POSITIVE_INFINITY) * 1000 - Date.now();
        if (Number.isFinite(msLeft)) {
          state.expiry = setTimeout(
            () => ctx.extra.socket.close(CloseCode.TokenExpired, 'Token expired'),
            Math.max(0, msLeft),
          );
          state.expiry.unref();
        }
        return true;
      },
      onClose: (ctx) => clearTimeout(states.get(ctx.extra)?.expiry),
      context: (ctx) => {
        const header = ctx.extra.request.headers[REQUEST_ID_HEADER];
        const requestId =
          (typeof header === 'string' && header) || `ws-${Math.random().toString(36).slice(2, 10)}`;
        return options.context({
          user: states.get(ctx.extra)?.user ?? GUEST,
          requestId,
          request: ctx.extra.request,
        });
      },
      // Errors inside events get the same treatment as HTTP: our codes, no internals, no stack.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => toClientError(e.toJSON(), e)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription rejected');
      },
    },
    wss,
  );
  return {
    clients: () => wss.clients.size,
    async close() {
      for (const socket of wss.clients) socket.close(CloseCode.GoingAway, 'Server shutting down');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
