import type { Express, Request, Response } from 'express';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { HealthReport } from './health.js';
import { expressPath, HTTP_ROUTES } from './http-routes.js';
import { openApiHandler } from './openapi.js';

export interface DiscoveryOptions {
  version: string;
  /** The health round `/health` shares (its own cache applies). */
  health: () => Promise<HealthReport>;
  /** The public (API) schema the gateway serves; a getter, since the supergraph can be replaced. */
  apiSchema: () => GraphQLSchema;
  /** Whether the dashboard (and its playground) is served here. */
  dashboard: boolean;
  /** @default 5000 */
  cacheMs?: number;
}

/** Dependencies every instance has; the rest of `/health`'s entries are subgraphs (and the balancer). */
const DEPENDENCIES = new Set(['database', 'redis', 'agents', 'balancer']);

interface RootField {
  name: string;
  description: string | null;
  deprecated?: string;
}

const rootFields = (type: GraphQLObjectType | null | undefined): RootField[] =>
  Object.values(type?.getFields() ?? {})
    .map((f) => ({
      name: f.name,
      description: f.description ?? null,
      ...(f.deprecationReason ? { deprecated: f.deprecationReason } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

async function document(options: DiscoveryOptions) {
  const { health, versions } = await options.health();
  const schema = options.apiSchema();
  // Only names, state and versions: a probe's error text can carry internal host names.
  const services = [
    { name: 'gateway', kind: 'gateway', status: 'up', version: options.version },
    ...Object.entries(health.services).map(([name, check]) => ({
      name,
      kind: DEPENDENCIES.has(name) ? 'dependency' : 'subgraph',
      status: check.status,
      latencyMs: check.latencyMs,
      ...(versions[name] ? { version: versions[name] } : {}),
    })),
  ];
  return {
    name: 'TRAE.AI',
    version: options.version,
    generatedAt: new Date().toISOString(),
    status: health.status,
    services,
    graphql: {
      endpoint: '/graphql',
      http: { methods: ['POST', 'GET'], contentType: 'application/json' },
      websocket: { path: '/graphql', protocol: 'graphql-transport-ws', for: 'subscriptions' },
      queries: rootFields(schema.getQueryType()),
      mutations: rootFields(schema.getMutationType()),
      subscriptions: rootFields(schema.getSubscriptionType()),
    },
    http: HTTP_ROUTES.map((r) => ({
      method: r.method.toUpperCase(),
      path: expressPath(r.path),
      summary: r.summary,
    })),
    links: {
      graphql: '/graphql',
      openapi: '/api/openapi.json',
      health: '/health',
      metrics: '/metrics',
      ...(options.dashboard ? { dashboard: '/', playground: '/playground' } : {}),
    },
  };
}

/**
 * `GET /api/discovery`: what the platform offers, for people and for agents finding their way.
 * One answer is shared for `cacheMs`, so polling it costs no more than polling `/health`.
 */
export function discoveryHandler(options: DiscoveryOptions) {
  const cacheMs = options.cacheMs ?? 5_000;
  let cached: { body: Promise<string>; at: number } | undefined;
  return async (_req: Request, res: Response) => {
    if (!cached || Date.now() - cached.at >= cacheMs) {
      const body = document(options).then((d) => JSON.stringify(d));
      body.catch(() => {
        cached = undefined;
      });
      cached = { body, at: Date.now() };
    }
    const body = await cached.body;
    res.setHeader('cache-control', `public, max-age=${Math.floor(cacheMs / 1000)}`);
    res.type('application/json').send(body);
  };
}

/** `/api/discovery` and `/api/openapi.json`. */
export function mountDiscovery(app: Express, options: DiscoveryOptions): void {
  app.get('/api/discovery', discoveryHandler(options));
  app.get('/api/openapi.json', openApiHandler(options.version));
}
