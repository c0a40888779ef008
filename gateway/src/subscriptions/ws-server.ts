import type { IncomingMessage, Server } from 'node:http';
import {
  type ErrorCodeDefinition,
  ErrorCodes,
  GUEST,
  isRequestId,
  type Logger,
  logFor,
  type Redis,
  type RevocationWatch,
  revokes,
  watchRevocations,
} from '@trae/kit';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Gauge } from 'prom-client';
import { WebSocketServer } from 'ws';
import type { EdgeAuth } from '../auth/edge-auth.js';
import type { EdgeIdentity, GatewayContext } from '../context.js';
import type { CostLimit } from '../cost/cost-limit.js';
import type { TrustedDocuments } from '../documents/trusted-documents.js';
import { formatGatewayError } from '../format-error.js';
import type { AuthFailures } from '../http/auth-failure-limit.js';
import { findLimitViolation, type QueryLimits } from '../plugins/use-query-limits.js';
import type { SubscriptionHub } from './hub.js';
import type { SubscriptionPlanner } from './planner.js';

/** Close codes the gateway sends beside graphql-ws's own (4400, 4403, 4408, ...). */
export const GatewayClose = {
  /** The access token expired; reconnect with a fresh one. */
  TokenExpired: 4401,
  /** The token was revoked (logout, disable, role change, API key revoked); refresh, or sign in again. */
  TokenRevoked: 4401,
  /** The client read too slowly and its queue overflowed; reconnect and resubscribe. */
  SlowConsumer: 4290,
  /** The supergraph changed; reconnect and resubscribe against the new schema. */
  SchemaUpdated: 4503,
  /** This client address failed authentication too often; the reason says when to retry. */
  AuthRateLimited: 4291,
  /** Too many connections on this instance. */
  TryAgainLater: 1013,
  GoingAway: 1001,
} as const;

export interface WsLimits extends QueryLimits {
  /** Lexical tokens per document (graphql-js's parser stops past them). */
  maxTokens: number;
  maxConnections: number;
  maxSubscriptionsPerConnection: number;
  maxSubscriptions: number;
}

interface Connection {
  identity: EdgeIdentity;
  socket: { close(code: number, reason: string): void };
  requestId: string;
  subscriptions: number;
  /** Live subscriptions, so a revocation can end them at once rather than at the close handshake. */
  live: Set<AsyncIterator<ExecutionResult>>;
  expiry?: NodeJS.Timeout;
}

export interface WsServerOptions {
  http: Server;
  auth: EdgeAuth;
  planner: () => SubscriptionPlanner;
  hub: () => SubscriptionHub;
  logger: Logger;
  limits: WsLimits;
  gauges: { connections: Gauge; subscriptions: Gauge };
  /** Identity's revocation channel on a dedicated (subscribed) connection; shared with the API-key cache. */
  revocations: { subscriber: Redis; channel: string };
  /** Failed `connection_init` credentials count with HTTP's, per client address. */
  authFailures: AuthFailures;
  /** The client address of an upgrade request, by the same TRUST_PROXY rule as HTTP. */
  clientIp: (req: IncomingMessage) => string;
  /** The same safelist as POST /graphql (TRUSTED_DOCUMENTS). */
  trusted: TrustedDocuments;
  /** The same cost limit as POST /graphql (COST_MAX), checked once per subscription. */
  cost?: CostLimit;
}

/** The cost limit's refusal as graphql-ws sends it: the code and figures, not Apollo's `http` extension. */
function costRefusal(
  cost: CostLimit,
  schema: GraphQLSchema,
  document: DocumentNode,
  payload: { operationName?: string | null; variables?: Record<string, unknown> | null },
): GraphQLError[] | null {
  try {
    cost.price(schema, document, payload.operationName, payload.variables ?? undefined);
    return null;
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    const { http: _http, ...extensions } = err.extensions;
    return [new GraphQLError(err.message, { extensions })];
  }
}

/** A refused subscribe: graphql-ws sends these as the operation's `error` message, and nothing runs. */
const reject = (code: ErrorCodeDefinition, message: string) => [code.err(message)];

/**
 * graphql-ws on the gateway's `/graphql`. The connection authenticates once from `connection_init`
 * (a bad token closes with 4403 before anything is sent; the socket closes with 4401 when the token
 * expires or identity revokes it, on every instance, since revocations arrive on Redis); each subscription is validated against the public schema and the query limits, then
 * handed to the hub. Queries and mutations belong on HTTP.
 */
export function attachGatewaySubscriptions(options: WsServerOptions) {
  const { limits, logger, gauges } = options;
  const wss = new WebSocketServer({ server: options.http, path: '/graphql', maxPayload: 1024 * 1024 });
  const connections = new Map<object, Connection>();
  let active = 0;

  const revoke = (connection: Connection) => {
    // Ending the subscriptions first takes the member out of its group (and off a shared upstream) now,
    // not when a client that may never answer completes the close handshake.
    for (const iterator of [...connection.live]) iterator.return?.();
    connection.socket.close(GatewayClose.TokenRevoked, 'Token revoked');
  };
  const watch: Promise<RevocationWatch> = watchRevocations(
    options.revocations.subscriber,
    options.revocations.channel,
    logger,
    {
      onEvent: (event) => {
        for (const c of connections.values()) if (revokes(event, c.identity.principal)) revoke(c);
      },
      onResync: () => {
        for (const c of connections.values()) {
          options.auth.isRevoked(c.identity.principal).then(
            (yes) => yes && revoke(c),
            () => undefined,
          );
        }
      },
    },
  );

  wss.on('connection', (socket) => {
    gauges.connections.set(wss.clients.size);
    if (wss.clients.size > limits.maxConnections)
      socket.close(GatewayClose.TryAgainLater, 'Too many connections');
    socket.once('close', () => gauges.connections.set(wss.clients.size));
  });

  const server = useServer<Record<string, unknown>, { connection?: Connection }>(
    {
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const header = typeof raw === 'string' && raw ? raw : undefined;
        const ip = options.clientIp(ctx.extra.request);
        if (header) {
          const retryAfter = await options.authFailures.retryAfter(ip, logger);
          if (retryAfter > 0) {
            ctx.extra.socket.close(
              GatewayClose.AuthRateLimited,
              `Too many failed authentications; retry after ${retryAfter} s`,
            );
            return false;
          }
        }
        let identity: EdgeIdentity;
        const generation = (await watch).generation;
        try {
          identity = await options.auth.authenticate(header);
          // A revocation announced during the check may have missed it: look once more.
          if ((await watch).generation !== generation && (await options.auth.isRevoked(identity.principal)))
            return false;
        } catch (err) {
          if (header && ErrorCodes.UNAUTHENTICATED.is(err)) await options.authFailures.failed(ip);
          return false;
        }
        // Closed meanwhile: onClose has run, so registering it now would leak it.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        const given = ctx.extra.request.headers['x-request-id'];
        const connection: Connection = {
          identity,
          socket: ctx.extra.socket,
          requestId: isRequestId(given) ? given : crypto.randomUUID(),
          subscriptions: 0,
          live: new Set(),
        };
        const expiresAt = identity.principal.expiresAt;
        if (expiresAt) {
          connection.expiry = setTimeout(
            () => ctx.extra.socket.close(GatewayClose.TokenExpired, 'Token expired'),
            Math.max(0, expiresAt * 1000 - Date.now()),
          );
          connection.expiry.unref();
        }
        connections.set(ctx.extra, connection);
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(connections.get(ctx.extra)?.expiry);
        connections.delete(ctx.extra);
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra);
        if (!connection) return reject(ErrorCodes.UNAUTHENTICATED, 'Connection not initialised');
        const planner = options.planner();
        let document: ReturnType<typeof parseQuery>;
        try {
          document = parseQuery(payload.query, limits.maxTokens);
        } catch (err) {
          return reject(ErrorCodes.BAD_USER_INPUT, (err as Error).message);
        }
        const errors = planner.validate(document);
        if (errors.length) return errors.map((e) => ErrorCodes.BAD_USER_INPUT.err(e.message));
        if (!planner.isSubscription(document, payload.operationName)) {
          return reject(
            ErrorCodes.BAD_USER_INPUT,
            'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
          );
        }
        const violation = findLimitViolation(planner.apiSchema, document, limits);
        if (violation) return reject(ErrorCodes.BAD_USER_INPUT, violation);
        const costly = options.cost && costRefusal(options.cost, planner.apiSchema, document, payload);
        if (costly) return costly;
        const { principal } = connection.identity;
        const untrusted = options.trusted.refusal(
          principal,
          payload.query,
          document,
          logFor(logger, principal),
        );
        if (untrusted) return [untrusted];
        if (connection.subscriptions >= limits.maxSubscriptionsPerConnection) {
          return reject(
            ErrorCodes.RATE_LIMITED,
            `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`,
          );
        }
        if (active >= limits.maxSubscriptions)
          return reject(ErrorCodes.RATE_LIMITED, 'This gateway is at its subscription limit; retry later');
        // Counted here, not in `subscribe`: several subscribe messages can pass these checks before any starts.
        connection.subscriptions++;
        active++;
        gauges.subscriptions.set(active);
        return {
          schema: planner.apiSchema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? {},
          contextValue: { connection, query: payload.query },
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => {
        const { connection, query } = args.contextValue as { connection: Connection; query: string };
        const principal = connection.identity.principal ?? GUEST;
        const context: GatewayContext = {
          ...connection.identity,
          principal,
          requestId: connection.requestId,
          log: logFor(logger.child({ reqId: connection.requestId }), principal),
        };
        const iterator = options.hub().subscribe({
          query,
          document: args.document,
          operationName: args.operationName ?? undefined,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          context,
          expiresAtMs: (connection.identity.principal.expiresAt ?? Number.MAX_SAFE_INTEGER / 1000) * 1000,
          onOverflow: () => connection.socket.close(GatewayClose.SlowConsumer, 'Subscriber queue overflow'),
        });
        let counted = true;
        const release = () => {
          if (!counted) return;
          counted = false;
          connection.live.delete(wrapper);
          connection.subscriptions--;
          active--;
          gauges.subscriptions.set(active);
        };
        // A plain iterator rather than an async generator: a generator would hold a client's `complete`
        // until the next event arrived, keeping the upstream open.
        const wrapper = {
          next: async () => {
            const step = await iterator.next();
            if (step.done) release();
            return step;
          },
          return: async () => {
            release();
            return iterator.return?.() ?? { value: undefined, done: true };
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        } as AsyncIterableIterator<ExecutionResult>;
        connection.live.add(wrapper);
        return wrapper;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => formatGatewayError(toFormatted(e), e)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => formatGatewayError(toFormatted(e), e)) as never,
    },
    wss,
  );

  return {
    get clients() {
      return wss.clients.size;
    },
    get activeSubscriptions() {
      return active;
    },
    /** Closes every socket with `code`; graphql-ws clients reconnect and resubscribe on their own. */
    closeAll(code: number, reason: string) {
      for (const socket of wss.clients) socket.close(code, reason);
    },
    async close() {
      for (const socket of wss.clients) socket.close(GatewayClose.GoingAway, 'Gateway shutting down');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await (await watch).stop();
    },
  };
}

function toFormatted(error: unknown): GraphQLFormattedError {
  if (error instanceof GraphQLError) return error.toJSON();
  const e = error as GraphQLFormattedError;
  return { message: e?.message ?? 'Internal server error', extensions: e?.extensions, path: e?.path };
}

function parseQuery(query: string, maxTokens: number) {
  if (query.length > 100_000) throw new Error('Query too long');
  return parse(query, { maxTokens });
}
