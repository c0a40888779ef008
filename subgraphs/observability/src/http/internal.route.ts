import { Errors, isUuid, type Principal, requireInternal } from '@trae/kit';
import type { Express, NextFunction, Request, Response } from 'express';
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

/**
 * The user an internal call acts for (an agent's task's creator, with the role identity gave the run).
 * `logs`, `errors` and `metricSeries` are `@Authorized()`: people only (USER, ADMIN).
 */
function actingUser(q: Query): Principal {
  if (!isUuid(q.userId)) throw Errors.badInput('userId', 'userId must be a user id');
  if (q.role !== 'USER' && q.role !== 'ADMIN') throw Errors.forbidden('Observability is for signed-in users');
  return { id: q.userId, role: q.role };
}

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

function level(value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  if (!Object.values(LogLevel).includes(value as LogLevel))
    throw Errors.badInput('level', `level must be one of ${Object.values(LogLevel).join(', ')}`);
  return value as LogLevel;
}

const handle = (fn: (q: Query) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
  fn(req.query as Query).then((body) => void res.json(body), next);

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
        owner: readableOwner(actingUser(q)),
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
        owner: readableOwner(actingUser(q)),
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
      actingUser(q);
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
