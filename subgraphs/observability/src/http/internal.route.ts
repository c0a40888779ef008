import { actingUser, Errors, requireInternal } from '@trae/kit';
import type { Express, Request, Response } from 'express';
import { readableOwner } from '../modules/access/log-access.js';
import type { ErrorService } from '../modules/error/error.service.js';
import { LogLevel, levelOf } from '../modules/log/log.enums.js';
import type { LogService } from '../modules/log/log.service.js';
import type { MetricService } from '../modules/metric/metric.service.js';

export interface InternalDeps {
  logs: LogService;
  errors: ErrorService;
  metrics: MetricService;
  secret: string;
}

type Query = Record<string, string | undefined>;

/** `logs`, `errors` and `metricSeries` are `@Authorized()`: people only. */
const acting = (q: Query) => actingUser(q.userId, q.role, 'Observability is for signed-in users');

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

function level(value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  if (!Object.values(LogLevel).includes(value as LogLevel))
    throw Errors.badInput('level', `level must be one of ${Object.values(LogLevel).join(', ')}`);
  return value as LogLevel;
}

// Express 5 hands a rejected handler's error to the error handler.
const handle = (fn: (q: Query) => Promise<unknown>) => async (req: Request, res: Response) => {
  res.json(await fn(req.query as Query));
};

/**
 * What the tasks service's agent tools read, as the task's creator, with the rules of the GraphQL
 * queries they mirror: log lines and error groups are every line for ADMIN and the creator's own
 * requests' for anyone else (`readableOwner`); stacks stay out (internals, and a model needs none).
 */
export function internalRoutes(app: Express, { logs, errors, metrics, secret }: InternalDeps) {
  app.get(
    '/internal/logs',
    requireInternal(secret),
    handle(async (q) => {
      const page = await logs.list({
        first: number(q.first),
        level: level(q.level),
        service: q.service,
        search: q.search,
        from: date(q.from),
        to: date(q.to),
        requestId: q.requestId,
        owner: readableOwner(acting(q)),
      });
      return {
        totalCount: page.totalCount,
        lines: page.edges.map(({ node: l }) => ({
          time: l.time,
          level: levelOf(l.level),
          service: l.service,
          message: l.message,
          requestId: l.requestId,
        })),
      };
    }),
  );
  app.get(
    '/internal/errors',
    requireInternal(secret),
    handle(async (q) => {
      const page = await errors.list({
        first: number(q.first),
        resolved: q.resolved === undefined ? undefined : q.resolved === 'true',
        service: q.service,
        owner: readableOwner(acting(q)),
      });
      return {
        totalCount: page.totalCount,
        groups: page.edges.map(({ node: g }) => ({
          id: g.id,
          type: g.errorType,
          message: g.errorMessage,
          service: g.service,
          severity: g.severity,
          count: g.count,
          resolved: g.resolved,
          firstSeen: g.createdAt,
          lastSeen: g.lastSeenAt,
        })),
      };
    }),
  );
  app.get(
    '/internal/metrics/series',
    requireInternal(secret),
    handle(async (q) => {
      acting(q);
      const points = await metrics.series({
        name: q.name ?? '',
        service: q.service,
        from: date(q.from),
        to: date(q.to),
        step: number(q.step),
      });
      return { points };
    }),
  );
}
