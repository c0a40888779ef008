import { type MikroORM, raw } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  decodeCursor,
  likePattern,
  pageSize,
  parseInput,
  type Sql,
  toConnection,
} from '@trae/kit';
import { LEVEL_VALUE, type LogLevel } from './log.enums.js';
import { LogsArgs } from './log.inputs.js';
import { logFilterSchema } from './log.schema.js';
import { LogEntry } from './log-entry.entity.js';
import type { ParsedLine } from './log-line.js';

export interface LogQuery {
  first?: number | null;
  after?: string | null;
  level?: LogLevel | null;
  service?: string | null;
  /** Only the lines of this user's requests; undefined means every line (see modules/access/log-access.ts). */
  owner?: string;
  search?: string | null;
  from?: Date | null;
  to?: Date | null;
  requestId?: string | null;
  status?: number | null;
  route?: string | null;
  userId?: string | null;
}

/** Counting stops here: an exact count of millions of lines costs more than it tells. */
const COUNT_CAP = 100_000;

/**
 * A `request` line has a `url` with its query; other lines may name their `route`. chr(63) is `?`,
 * which MikroORM would take for a parameter.
 */
const ROUTE = `coalesce(context->>'route', split_part(context->>'url', chr(63), 1))`;

/**
 * The services that logged, read as a loose index scan over (service, time): one index probe per
 * service instead of a scan of every line. `$1` limits it to one user's lines (null: every line).
 */
const SERVICES = `
with recursive s(service) as (
  (select service from log_entries where ($1::text is null or user_id = $1) order by service limit 1)
  union all
  select (select service from log_entries
    where service > s.service and ($1::text is null or user_id = $1) order by service limit 1)
  from s where s.service is not null
)
select service from s where service is not null`;

export class LogService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sql: Sql,
  ) {}

  /** Newest first. `totalCount` is exact up to COUNT_CAP and COUNT_CAP beyond it. */
  async list(q: LogQuery): Promise<ConnectionShape<LogEntry>> {
    const limit = pageSize(q.first, LogsArgs.size);
    const where = this.filter(q);
    const em = this.orm.em.fork();
    // select count(*) from (select id ... limit COUNT_CAP) as t: the cap bounds the scan. `select` on its
    // own line: a chained one narrows the type, and MikroORM 7 only takes a subquery typed as whole rows.
    const counted = em.createQueryBuilder(LogEntry).where(where).limit(COUNT_CAP);
    counted.select('id');
    const n = await em.createQueryBuilder(counted, 't').getCount();
    if (q.after) {
      const k = decodeCursor(q.after);
      where.$and = [{ $or: [{ time: { $lt: k.createdAt } }, { time: k.createdAt, id: { $lt: k.id } }] }];
    }
    const rows = await em.find(LogEntry, where, { orderBy: { time: 'desc', id: 'desc' }, limit: limit + 1 });
    return toConnection(rows, limit, n, (e) => ({ createdAt: e.time, id: e.id }));
  }

  private filter(q: LogQuery): Record<string, unknown> {
    const { search, requestId, from, to, status, route, userId } = parseInput(logFilterSchema, q);
    const where: Record<string, unknown> = {};
    if (from || to) where.time = { ...(from && { $gte: from }), ...(to && { $lte: to }) };
    if (q.level) where.level = { $gte: LEVEL_VALUE[q.level] };
    if (q.service) where.service = q.service;
    // A user's own filter can only narrow what they may read: another user's id finds nothing.
    if (userId) where.userId = userId;
    if (q.owner !== undefined) where.userId = userId && userId !== q.owner ? { $in: [] } : q.owner;
    if (search) {
      const pattern = likePattern(search);
      where.$or = [{ message: { $ilike: pattern } }, { [raw('context::text')]: { $ilike: pattern } }];
    }
    if (requestId) where.requestId = requestId;
    if (status) Object.assign(where, { [raw(`context->>'status'`)]: String(status) });
    // The pattern without its leading %: a route matches from its start.
    if (route) Object.assign(where, { [raw(ROUTE)]: { $like: likePattern(route).slice(1) } });
    return where;
  }

  /** Every service with stored lines the caller may read, by name. */
  async services(owner?: string): Promise<string[]> {
    const rows = await this.sql.query<{ service: string }>(SERVICES, [owner ?? null]);
    return rows.map((r) => r.service);
  }
}

/** A line as published to `logs.added`, back into the GraphQL type. */
export function toLogEntry(line: ParsedLine): LogEntry {
  return Object.assign(new LogEntry(), { ...line, time: new Date(line.time) });
}
