import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Caps the distinct operation names we label with, so a client cannot explode cardinality. */
const MAX_OPERATIONS = 200;

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly gqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  readonly gqlDuration: Histogram<'operation' | 'type'>;
  private readonly seenOperations = new Set<string>();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers,
    });
    this.gqlOperations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by name and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.gqlDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation duration',
      labelNames: ['operation', 'type'],
      buckets: BUCKETS,
      registers,
    });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.seenOperations.has(name)) return name;
    if (this.seenOperations.size >= MAX_OPERATIONS || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
      return 'other';
    this.seenOperations.add(name);
    return name;
  }

  /** RED metrics per HTTP route; the route is the matched pattern, never the raw URL. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        const route = req.route?.path ?? (req.baseUrl || (res.statusCode === 404 ? 'unmatched' : req.path));
        const labels = { method: req.method, route: String(route), status: String(res.statusCode) };
        this.httpRequests.inc(labels);
        end(labels);
      });
      next();
    };
  }

  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const start = process.hrtime.bigint();
        return {
          willSendResponse: async (ctx) => {
            const operation = this.operationLabel(ctx.operationName);
            const type = ctx.operation?.operation ?? 'unknown';
            const errors = ctx.errors?.length ?? 0;
            this.gqlOperations.inc({ operation, type, outcome: errors ? 'error' : 'ok' });
            this.gqlDuration.observe({ operation, type }, Number(process.hrtime.bigint() - start) / 1e9);
          },
        };
      },
    };
  }

  handler() {
    return async (_req: Request, res: Response) => {
      res.setHeader('content-type', this.registry.contentType);
      res.send(await this.registry.metrics());
    };
  }
}
