/**
 * Optional OpenTelemetry tracing for any process of the platform. Load it before the service:
 *
 *   NODE_OPTIONS="--import=@trae/observability/tracing" npm start
 *   node --import ./subgraphs/observability/dist/modules/trace/tracing.js subgraphs/tasks/dist/index.js
 *
 * Without OTEL_EXPORTER_OTLP_ENDPOINT it does nothing. With it, spans for HTTP, Express, GraphQL,
 * PostgreSQL and Redis go to `<endpoint>/v1/traces` (OTLP over HTTP, JSON), named after the
 * service (OTEL_SERVICE_NAME, or the package the entry file belongs to).
 */
import { register } from 'node:module';

const PROBES = new Set(['/health', '/ready', '/metrics']);

/** `…/subgraphs/tasks/dist/index.js worker` -> `tasks-worker`; `…/gateway/dist/index.js` -> `gateway`. */
export function serviceNameOf(argv: string[]): string {
  const name = /([^/]+)\/dist\/[^/]+\.js$/.exec(argv[1] ?? '')?.[1] ?? 'trae';
  return argv[2] === 'worker' ? `${name}-worker` : name;
}

export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  // ESM imports are only seen through a loader hook (import-in-the-middle); CommonJS ones through require.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [
    api,
    { registerInstrumentations },
    { BatchSpanProcessor, TracerProvider },
    { AsyncLocalStorageContextManager },
    { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    http,
    express,
    graphql,
    pg,
    ioredis,
  ] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-express'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-ioredis'),
  ]);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME || serviceNameOf(process.argv),
    }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1_000 }),
    ],
  });
  // SDK 3 has no NodeTracerProvider.register(): the context manager (spans follow async work, so a
  // query's PostgreSQL span lands under its request) and the W3C propagators are set up here.
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  api.trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new http.HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBES.has(req.url?.split('?')[0] ?? ''),
      }),
      new express.ExpressInstrumentation(),
      new graphql.GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      // Only inside a request: the log consumer's and shipper's own Redis traffic would drown the rest.
      new pg.PgInstrumentation({ requireParentSpan: true }),
      new ioredis.IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return true;
}

await startTracing();
