import type { Server } from 'node:http';
import type { Logger, Metrics, Redis } from '@trae/kit';
import { Counter, Gauge, type Histogram } from 'prom-client';
import type { EdgeAuth } from '../auth/edge-auth.js';
import type { GatewayConfig } from '../config.js';
import { SubgraphDataSource, type SubgraphDataSourceOptions } from '../federation/subgraph-data-source.js';
import type { Supergraph } from '../federation/supergraph.js';
import { EventExecutor } from './event-executor.js';
import { SubscriptionHub } from './hub.js';
import { SubscriptionPlanner } from './planner.js';
import { UpstreamPool } from './upstream.js';
import { attachGatewaySubscriptions, GatewayClose, type WsServerOptions } from './ws-server.js';

export { GatewayClose } from './ws-server.js';

export interface SubscriptionsOptions {
  http: Server;
  auth: EdgeAuth;
  supergraph: Supergraph;
  config: GatewayConfig;
  logger: Logger;
  metrics: Metrics;
  fetchDuration: Histogram<'subgraph'>;
  /** Deduplication of identical in-flight fetches (events fan out to many subscribers at once). */
  fetchOptions?: SubgraphDataSourceOptions;
  /** Identity's revocation channel; open sockets of a revoked credential close with 4401. */
  revocations: { subscriber: Redis; channel: string };
  authFailures: WsServerOptions['authFailures'];
  clientIp: WsServerOptions['clientIp'];
  trusted: WsServerOptions['trusted'];
  cost?: WsServerOptions['cost'];
}

/** Federated subscriptions: planner + upstream pool + hub + the graphql-ws endpoint, for one supergraph. */
export function createSubscriptions(options: SubscriptionsOptions) {
  const { config, logger, metrics } = options;
  const registers = [metrics.registry];
  const gauges = {
    connections: new Gauge({
      name: 'gateway_ws_connections',
      help: 'Open graphql-ws connections',
      registers,
    }),
    subscriptions: new Gauge({
      name: 'gateway_subscriptions_active',
      help: 'Live client subscriptions',
      registers,
    }),
  };
  const events = new Counter({
    name: 'gateway_subscription_events_total',
    help: 'Upstream events resolved (once per dedup group)',
    registers,
  });
  let current: { planner: SubscriptionPlanner; hub: SubscriptionHub };
  new Gauge({
    name: 'gateway_subscription_groups',
    help: 'Deduplicated upstream subscriptions',
    registers,
    collect() {
      this.set(current?.hub.groupCount ?? 0);
    },
  });
  const upstream = new UpstreamPool({ internalSecret: config.INTERNAL_SECRET });

  const build = (supergraph: Supergraph) => {
    const planner = new SubscriptionPlanner(supergraph.sdl);
    const dataSources = Object.fromEntries(
      supergraph.subgraphs.map((s) => [
        s.name,
        new SubgraphDataSource(
          s.name,
          s.graphqlUrl,
          options.fetchDuration,
          config.INTERNAL_SECRET,
          options.fetchOptions,
        ),
      ]),
    );
    const wsUrls = new Map(supergraph.subgraphs.map((s) => [s.name, s.graphqlUrl.replace(/^http/, 'ws')]));
    const hub = new SubscriptionHub({
      planner,
      executor: new EventExecutor(planner, dataSources),
      upstream,
      wsUrlOf: (name) => wsUrls.get(name),
      logger,
      queueMax: config.SUBSCRIPTION_QUEUE_MAX,
      resume: { giveUpMs: config.SUBSCRIPTION_RESUME_MS },
      onEvent: () => events.inc(),
    });
    return { planner, hub };
  };
  current = build(options.supergraph);

  const server = attachGatewaySubscriptions({
    http: options.http,
    auth: options.auth,
    planner: () => current.planner,
    hub: () => current.hub,
    logger,
    gauges,
    revocations: options.revocations,
    authFailures: options.authFailures,
    clientIp: options.clientIp,
    trusted: options.trusted,
    cost: options.cost,
    limits: {
      maxDepth: config.QUERY_MAX_DEPTH,
      maxAliases: config.QUERY_MAX_ALIASES,
      maxFields: config.QUERY_MAX_FIELDS,
      maxTokens: config.QUERY_MAX_TOKENS,
      maxConnections: config.WS_MAX_CONNECTIONS,
      maxSubscriptionsPerConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
      maxSubscriptions: config.SUBSCRIPTIONS_MAX,
    },
  });

  return {
    server,
    get hub() {
      return current.hub;
    },
    /** The current supergraph's planner (its `apiSchema` is the public schema). */
    get planner() {
      return current.planner;
    },
    /** A new supergraph: plan against it from now on and end every live subscription with 4503. */
    update(supergraph: Supergraph) {
      const previous = current;
      current = build(supergraph);
      server.closeAll(GatewayClose.SchemaUpdated, 'Schema updated; resubscribe');
      previous.hub.endAll({});
      logger.info('supergraph updated; live subscriptions ended with 4503');
    },
    async close() {
      await server.close();
      current.hub.endAll({});
      await upstream.close();
    },
  };
}
