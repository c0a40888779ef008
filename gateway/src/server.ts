import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  bodyDeadline,
  createLogger,
  createRedis,
  createTokenVerifier,
  errorHandler,
  GUEST,
  httpDeadlines,
  httpServerOptions,
  type Logger,
  Metrics,
  mountProbes,
  notFound,
  requestIdMiddleware,
  revocationChannel,
  useInputGuard,
} from '@trae/kit';
import express, { type Express, type Request } from 'express';
import { parse } from 'graphql';
import pg from 'pg';
import { Counter, Histogram } from 'prom-client';
import proxyaddr from 'proxy-addr';
import { ApiKeyExchange } from './auth/api-key-exchange.js';
import { EdgeAuth, edgeAuthMiddleware } from './auth/edge-auth.js';
import { RedisKeyValueCache } from './cache/redis-key-value-cache.js';
import { useResponseCache } from './cache/use-response-cache.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { readCostDirectives } from './cost/cost-directives.js';
import { CostLimit } from './cost/cost-limit.js';
import { deferCapable } from './defer/defer-directive.js';
import { DeferExecutor } from './defer/defer-executor.js';
import { useDefer } from './defer/use-defer.js';
import { PersistedDocuments } from './documents/persisted-documents.js';
import { TrustedDocuments } from './documents/trusted-documents.js';
import { useTrustedDocuments } from './documents/use-trusted-documents.js';
import { SubgraphDataSource } from './federation/subgraph-data-source.js';
import { loadSupergraph, type SubgraphEndpoint } from './federation/supergraph.js';
import { formatGatewayError } from './format-error.js';
import { AuthFailures, authFailureLimit } from './http/auth-failure-limit.js';
import { graphqlCompression } from './http/compression.js';
import { hasDashboard, mountDashboard } from './http/dashboard.js';
import { mountDiscovery } from './http/discovery.js';
import { filesProxy } from './http/files-proxy.js';
import { createHealthCheck } from './http/health.js';
import { jwksProxy } from './http/jwks-proxy.js';
import { oidcProxy } from './http/oidc-proxy.js';
import { RateLimits } from './http/rate-limit.js';
import { corsPolicy, securityHeaders } from './http/security.js';
import { webhooksProxy } from './http/webhooks-proxy.js';
import { useErrorLogging } from './plugins/use-error-logging.js';
import { useQueryLimits } from './plugins/use-query-limits.js';
import { createSubscriptions } from './subscriptions/index.js';

export type { GatewayConfig } from './config.js';
export { loadGatewayConfig } from './config.js';
export type { EdgeIdentity, GatewayContext } from './context.js';

export interface GatewayDeps {
  logger?: Logger;
}

export interface Gateway {
  app: Express;
  http: Server;
  metrics: Metrics;
  auth: EdgeAuth;
  subscriptions: ReturnType<typeof createSubscriptions>;
  subgraphs: readonly SubgraphEndpoint[];
  /** Resolves with the bound port (pass 0 for a free one). */
  listen(port?: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Builds the public edge: security headers, CORS, health and metrics, the JWKS proxy, and
 * `/graphql` (edge auth, rate limit, Apollo Server over @apollo/gateway), then the dashboard.
 * Nothing listens until `listen`, so tests pick their own ports.
 */
export async function createGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<Gateway> {
  const startedAt = new Date();
  const logger = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const supergraph = loadSupergraph(config.SUPERGRAPH_PATH, config.subgraphUrls);
  const metrics = new Metrics('gateway');
  const fetchDuration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time the gateway waits for each subgraph fetch',
    labelNames: ['subgraph'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  const fetchOptions = {
    dedup: config.SUBGRAPH_DEDUP,
    shared: new Counter({
      name: 'gateway_subgraph_fetches_shared_total',
      help: 'Subgraph fetches answered by an identical fetch already in flight, instead of a call of their own',
      labelNames: ['subgraph'],
      registers: [metrics.registry],
    }),
  };

  const trusted = new TrustedDocuments({
    documents: PersistedDocuments.load(config.PERSISTED_DOCUMENTS_PATH, {
      required: config.TRUSTED_DOCUMENTS === 'require',
    }),
    mode: config.TRUSTED_DOCUMENTS,
    apiKeys: config.TRUSTED_DOCUMENTS_API_KEYS,
    untrusted: new Counter({
      name: 'gateway_untrusted_operations_total',
      help: 'Operations outside the trusted documents from callers held to them, by outcome',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    }),
  });

  logger.info(
    {
      mode: config.TRUSTED_DOCUMENTS,
      listed: trusted.documents.size,
      apiKeys: config.TRUSTED_DOCUMENTS_API_KEYS,
    },
    'trusted documents',
  );

  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, { maxRetriesPerRequest: 2 }, { logger });
  const subscriber = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: 'subscriber' });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1, connectionTimeoutMillis: 2_000 });
  // An idle client dropped by a Postgres restart must not crash the process; /health reports it.
  pool.on('error', (err) => logger.warn({ err }, 'database connection lost'));
  const closeConnections = async () => {
    await Promise.allSettled([redis.quit(), subscriber.quit(), pool.end()]);
  };

  try {
    const revocations = { subscriber, channel: revocationChannel(config.REDIS_PREFIX) };
    const apiKeys = new ApiKeyExchange({
      identityUrl: config.IDENTITY_URL,
      internalSecret: config.INTERNAL_SECRET,
      ...revocations,
      logger,
      maxEntries: config.API_KEY_CACHE_MAX,
    });
    await apiKeys.start();
    const auth = new EdgeAuth({
      verify: createTokenVerifier({
        jwksUrl: `${config.IDENTITY_URL}/.well-known/jwks.json`,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      }),
      redis,
      apiKeys,
      logger,
      revocationFailOpenSeconds: config.REVOCATION_FAIL_OPEN_SECONDS,
    });

    const costLimit = new CostLimit({
      directives: readCostDirectives(parse(supergraph.sdl)),
      max: config.COST_MAX,
      listSize: config.COST_DEFAULT_LIST_SIZE,
    });
    const app = express();
    // Large uploads stream through `/files` for as long as they take (the files proxy and the files
    // service cut stalls with idle timeouts); every other route gets a header and a body deadline.
    const deadlines = { ...httpDeadlines(config), exempt: (req: Request) => req.path.startsWith('/files/') };
    const http = createServer(httpServerOptions(deadlines), app);
    const urls = new Map(supergraph.subgraphs.map((s) => [s.name, s.graphqlUrl]));
    const buildService = ({ name, url }: { name: string; url?: string }) =>
      new SubgraphDataSource(
        name,
        urls.get(name) ?? url ?? '',
        fetchDuration,
        config.INTERNAL_SECRET,
        fetchOptions,
      );
    const defer = new DeferExecutor(
      supergraph.sdl,
      Object.fromEntries(supergraph.subgraphs.map((s) => [s.name, buildService(s)])),
    );
    const apollo = new ApolloServer<GatewayContext>({
      gateway: deferCapable(
        new ApolloGateway({
          supergraphSdl: supergraph.sdl,
          logger: logger.child({ component: 'apollo-gateway' }),
          buildService,
        }),
      ),
      logger: logger.child({ component: 'apollo-server' }),
      includeStacktraceInErrorResponses: false,
      // Stops the parser past this many tokens, before any other work on an oversized document.
      parseOptions: { maxTokens: config.QUERY_MAX_TOKENS },
      // runMain owns SIGTERM/SIGINT; Apollo's own handlers would race it and hang the shutdown.
      stopOnTerminationSignals: false,
      formatError: formatGatewayError,
      persistedQueries: config.APQ
        ? {
            cache: new RedisKeyValueCache(redis, logger, 'persisted queries', config.APQ_TTL_SECONDS),
            ttl: config.APQ_TTL_SECONDS,
          }
        : false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: http }),
        ApolloServerPluginLandingPageDisabled(),
        metrics.apolloPlugin(),
        useErrorLogging(),
        useInputGuard(),
        useTrustedDocuments(trusted),
        useQueryLimits(
          {
            maxDepth: config.QUERY_MAX_DEPTH,
            maxAliases: config.QUERY_MAX_ALIASES,
            maxFields: config.QUERY_MAX_FIELDS,
          },
          costLimit,
        ),
        ...(config.RESPONSE_CACHE
          ? useResponseCache(new RedisKeyValueCache(redis, logger, 'response cache', 60))
          : []),
        // Last: a cached answer (one JSON) is served before a deferred execution starts.
        useDefer(defer, formatGatewayError),
      ],
    });
    await apollo.start();
    app.set('trust proxy', config.TRUST_PROXY);
    const authFailures = new AuthFailures({
      redis,
      maxFailures: config.AUTH_FAILURE_LIMIT,
      windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS,
    });
    const subscriptions = createSubscriptions({
      http,
      auth,
      supergraph,
      config,
      logger,
      metrics,
      fetchDuration,
      fetchOptions,
      revocations,
      authFailures,
      clientIp: (req) => proxyaddr(req, app.get('trust proxy fn')),
      trusted,
      cost: costLimit,
    });

    let draining = false;
    const health = createHealthCheck({
      version: VERSION,
      redis,
      pool,
      subgraphs: supergraph.subgraphs,
      internalSecret: config.INTERNAL_SECRET,
      balancerStatsUrl: config.HAPROXY_STATS_URL,
      cacheMs: config.HEALTH_CACHE_MS,
    });

    app.disable('x-powered-by');
    // The dashboard's hashed assets would flood the log view at info.
    app.use(requestIdMiddleware(logger, ['/health', '/ready', '/metrics', /^\/assets\//]));
    app.use(bodyDeadline(deadlines));
    app.use(metrics.httpMiddleware());
    app.use(securityHeaders());
    app.use(corsPolicy(config.CORS_ORIGINS));
    mountProbes(app, {
      info: { service: 'gateway', version: VERSION, startedAt },
      checks: { redis: () => redis.ping() },
      isDraining: () => draining,
      metrics,
      health: health.handler,
    });
    mountDiscovery(app, {
      version: VERSION,
      health: health.report,
      apiSchema: () => subscriptions.planner.apiSchema,
      dashboard: hasDashboard(config.CLIENT_DIST),
    });
    app.get('/.well-known/jwks.json', jwksProxy(config.IDENTITY_URL));
    app.get(
      '/auth/oidc/:provider/:leg',
      oidcProxy(config.IDENTITY_URL, { internalSecret: config.INTERNAL_SECRET }),
    );
    app.use('/files', filesProxy(config.FILES_URL, { internalSecret: config.INTERNAL_SECRET }));
    app.post(
      '/webhooks/:source',
      webhooksProxy(config.WEBHOOKS_URL, { internalSecret: config.INTERNAL_SECRET }),
    );
    app.use(
      '/graphql',
      ...(config.COMPRESSION ? [graphqlCompression({ minBytes: config.COMPRESSION_MIN_BYTES })] : []),
      express.json({ limit: '1mb' }),
      authFailureLimit(authFailures, edgeAuthMiddleware(auth)),
      new RateLimits({
        redis,
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        costPerMinute: config.COST_BUDGET_PER_MINUTE,
        authPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
      }).middleware(),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => ({
          ...(res.locals.identity ?? { principal: GUEST }),
          requestId: req.id,
          clientIp: req.ip,
          userAgent: req.get('user-agent'),
          log: req.log,
          budget: res.locals.budget,
        }),
      }),
    );
    mountDashboard(app, config.CLIENT_DIST, config.NODE_ENV !== 'production');
    app.use(notFound);
    app.use(errorHandler());

    return {
      app,
      http,
      metrics,
      auth,
      subscriptions,
      subgraphs: supergraph.subgraphs,
      listen: (port = config.PORT, host = config.HOST) =>
        new Promise((resolve, reject) => {
          http.once('error', reject);
          http.listen(port, host, () => {
            const address = http.address();
            resolve(typeof address === 'object' && address ? address.port : port);
          });
        }),
      async stop() {
        draining = true;
        await subscriptions.close();
        // Apollo's drain plugin closes the HTTP server and waits for in-flight requests.
        await apollo.stop();
        if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
        await apiKeys.stop();
        await closeConnections();
      },
    };
  } catch (err) {
    await closeConnections();
    throw err;
  }
}
