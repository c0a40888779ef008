import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express, { type Express, type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import type { JWTVerifyGetKey } from 'jose';
import { bearerToken, createTokenVerifier, GUEST, type Principal, type TokenVerifier } from './auth.js';
import type { BaseConfig } from './config.js';
import {
  bodyDeadline,
  DEFAULT_DEADLINES,
  type HttpDeadlines,
  httpDeadlines,
  httpServerOptions,
} from './deadlines.js';
import { isServerFault, toClientError } from './errors.js';
import { mountProbes } from './health.js';
import { errorHandler, notFound } from './http-errors.js';
import { useInputGuard } from './input-guard.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { isDependencyOutage } from './outage.js';
import type { EventBus } from './pubsub.js';
import { logFor, requestIdMiddleware } from './request.js';
import { RevocationCheck } from './revocation.js';
import { requireTrustedCaller } from './trusted-caller.js';
import { attachSubscriptionServer } from './ws.js';

/** What every resolver receives. Services add their own fields through `extendContext`. */
export interface BaseContext {
  user: Principal;
  em: EntityManager;
  requestId: string;
  log: Logger;
  /** The HTTP request; absent for WebSocket subscriptions. */
  req?: Request;
  /** The client's address as the gateway vouched for it (signed), else the caller's socket address. */
  clientIp?: string;
}

export interface ServiceOptions<C extends BaseContext> {
  name: string;
  version: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  redis: Redis;
  logger: Logger;
  verifyToken: TokenVerifier;
  /**
   * INTERNAL_SECRET: `/graphql` (HTTP and WebSocket) answers only the gateway (signed with it) and other
   * services (holding it); see trusted-caller.ts.
   */
  internalSecret: string;
  /** REVOCATION_FAIL_OPEN_SECONDS: see `RevocationCheck`. @default 30 */
  revocationFailOpenSeconds?: number;
  /** Outside services this one depends on, checked at `/health/external` (see `externalHandler`). */
  external?: Record<string, () => Promise<unknown>>;
  /** Routes mounted before `/graphql` (e.g. identity's JWKS). */
  routes?: (app: Express) => void;
  extendContext?: (base: BaseContext) => C;
  /** Redis pub/sub for subscriptions and events; closed on shutdown. */
  eventBus?: EventBus;
  /** Header and body deadlines (see `httpDeadlines(config)`). @default DEFAULT_DEADLINES */
  deadlines?: Partial<HttpDeadlines>;
  /** Closed on shutdown after HTTP has drained, before the database and Redis. */
  onStop?: () => Promise<void>;
}

/**
 * The options every service takes from its config alike: the secret, revocation window, deadlines, and
 * token verification by identity's JWKS (or by `keys.keySet`, identity's own keys).
 */
export function serviceSettings(config: BaseConfig, keys: { keySet?: JWTVerifyGetKey } = {}) {
  return {
    internalSecret: config.INTERNAL_SECRET,
    revocationFailOpenSeconds: config.REVOCATION_FAIL_OPEN_SECONDS,
    deadlines: httpDeadlines(config),
    verifyToken: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keySet: keys.keySet,
      jwksUrl: `${config.IDENTITY_URL}/.well-known/jwks.json`,
    }),
  } satisfies Partial<ServiceOptions<BaseContext>>;
}

export interface Service {
  app: Express;
  http: Server;
  metrics: Metrics;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Builds a subgraph process: request ids and logs, RED metrics, /health, /ready, /metrics, and
 * Apollo Server on /graphql with a forked entity manager and the verified caller per request.
 * /graphql answers only the gateway and other services; /health, /ready and /metrics stay open
 * (they carry no user data, and probes and Prometheus hold no secret).
 */
export async function createService<C extends BaseContext = BaseContext>(
  options: ServiceOptions<C>,
): Promise<Service> {
  const { logger, orm, redis } = options;
  const app = express();
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
  const http = createServer(httpServerOptions(deadlines), app);
  const metrics = new Metrics(options.name);
  const info = { service: options.name, version: options.version, startedAt: new Date() };
  const makeContext = (base: BaseContext) =>
    (options.extendContext ? options.extendContext(base) : base) as C;
  let draining = false;
  // The same revocations as the edge: a caller that reaches a subgraph directly gains nothing.
  const verifyToken = new RevocationCheck(redis, {
    logger,
    failOpenSeconds: options.revocationFailOpenSeconds,
  }).verifier(options.verifyToken);

  app.disable('x-powered-by');
  app.use(requestIdMiddleware(logger));
  app.use(bodyDeadline(deadlines));
  app.use(metrics.httpMiddleware());
  mountProbes(app, {
    info,
    checks: { database: () => orm.em.getConnection().execute('select 1'), redis: () => redis.ping() },
    external: options.external,
    isDraining: () => draining,
    metrics,
  });
  options.routes?.(app);

  const apollo = new ApolloServer<C>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    // runMain owns the signals; Apollo's own handlers would race it and stall shutdown.
    stopOnTerminationSignals: false,
    formatError: toClientError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      // We do not report to Apollo Studio; the federated trace would only cost time on every request.
      ApolloServerPluginInlineTraceDisabled(),
      metrics.apolloPlugin(),
      useInputGuard(),
      {
        requestDidStart: async () => ({
          didEncounterErrors: async ({ contextValue, errors }) => {
            for (const error of errors) {
              const err = error.originalError ?? error;
              if (
                isServerFault(toClientError({ message: error.message, extensions: error.extensions }, error))
              )
                contextValue.log?.error({ err, path: error.path }, 'resolver failed');
              // Health already reports the outage; one warning per failed request keeps the cause findable.
              else if (isDependencyOutage(err))
                contextValue.log?.warn({ err: String(err), path: error.path }, 'dependency unavailable');
            }
          },
        }),
      },
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    requireTrustedCaller(options.internalSecret),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const token = bearerToken(req.header('authorization'));
        const user = token ? await verifyToken(token) : GUEST;
        req.log = logFor(req.log, user);
        return makeContext({
          user,
          em: orm.em.fork(),
          requestId: req.id,
          log: req.log,
          req,
          clientIp: req.clientIp,
        });
      },
    }),
  );
  // Whatever no route took, and whatever a route threw, answers in the kit's one JSON error shape.
  app.use(notFound);
  app.use(errorHandler());

  const subscriptions = options.schema.getSubscriptionType()
    ? attachSubscriptionServer({
        http,
        schema: options.schema,
        verifyToken,
        redis,
        internalSecret: options.internalSecret,
        logger,
        context: ({ user, requestId }) =>
          makeContext({
            user,
            em: orm.em.fork(),
            requestId,
            log: logFor(logger.child({ reqId: requestId }), user),
          }) as never,
      })
    : undefined;

  return {
    app,
    http,
    metrics,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    async stop() {
      draining = true;
      await subscriptions?.close();
      await apollo.stop();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await options.onStop?.();
      await options.eventBus?.close();
      await orm.close();
      redis.disconnect();
    },
  };
}
