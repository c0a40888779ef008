import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { bearerToken, GUEST, type Principal, type TokenVerifier } from './auth.js';
import { toClientError } from './errors.js';
import type { Logger } from './logger.js';
import { REQUEST_ID_HEADER } from './request.js';
import {
  isRevoked,
  type RevocationWatch,
  revocationChannel,
  revokes,
  watchRevocations,
} from './revocation.js';
import { checkCaller } from './trusted-caller.js';

/** Close codes we send, beside graphql-ws's own (4400 bad request, 4403 forbidden, 4408 init timeout). */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  TokenExpired: 4401,
  /** The token was revoked (logout, disable, role change, API key revoked) while the socket was open. */
  TokenRevoked: 4401,
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
  /** With it, sockets close (4401) as soon as identity revokes their token, on every instance. */
  redis?: Redis;
  /** Only the gateway (signed upgrade) and other services may open a socket; others get 403. */
  internalSecret: string;
  logger: Logger;
  context: (input: WsContextInput) => Record<string, unknown>;
}

interface ConnectionState {
  user?: Principal;
  expiry?: NodeJS.Timeout;
  socket: { close(code: number, reason: string): void };
}

/**
 * graphql-ws on the same port and path as HTTP GraphQL. The token comes in the `connection_init`
 * payload (`{ authorization: "Bearer …" }`); a bad one closes the socket with 4403 before anything
 * is sent, and the socket closes with 4401 when the token expires or is revoked, so a stream never
 * outlives its credentials.
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
  const states = new Map<object, ConnectionState>();
  const revoked = (state: ConnectionState) => state.socket.close(CloseCode.TokenRevoked, 'Token revoked');
  // A subscribed connection can run no other command, hence a duplicate of the service's own.
  const subscriber = options.redis?.duplicate();
  const watch: Promise<RevocationWatch | undefined> | undefined =
    subscriber &&
    watchRevocations(subscriber, revocationChannel(options.redis?.options.keyPrefix ?? ''), options.logger, {
      onEvent: (event) => {
        for (const state of states.values()) if (state.user && revokes(event, state.user)) revoked(state);
      },
      onResync: () => {
        for (const state of states.values()) {
          const { user } = state;
          if (user?.id && options.redis)
            isRevoked(options.redis, user).then(
              (yes) => yes && revoked(state),
              () => undefined,
            );
        }
      },
    }).catch((err) => {
      options.logger.error({ err }, 'revocation channel unavailable; open sockets will not see revocations');
      return undefined;
    });
  const server = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        const token = bearerToken(typeof header === 'string' ? header : undefined);
        const state: ConnectionState = { socket: ctx.extra.socket };
        if (!token) {
          state.user = GUEST;
          states.set(ctx.extra, state);
          return true;
        }
        const generation = (await watch)?.generation;
        try {
          state.user = await options.verifyToken(token);
          // A revocation announced while we verified may not have been visible to the check: look again.
          if (
            (await watch)?.generation !== generation &&
            options.redis &&
            (await isRevoked(options.redis, state.user))
          )
            return false;
        } catch {
          return false;
        }
        // Closed while we verified: onClose has run already, so remembering it now would leak it.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        states.set(ctx.extra, state);
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
      onClose: (ctx) => {
        clearTimeout(states.get(ctx.extra)?.expiry);
        states.delete(ctx.extra);
      },
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
      await (await watch)?.stop();
      subscriber?.disconnect();
    },
  };
}
