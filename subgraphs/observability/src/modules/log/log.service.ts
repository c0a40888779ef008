import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  decodeCursor,
  likePattern,
  pageSize,
  parseInput,
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
}

/** Counting stops here: an exact count of millions of lines costs more than it tells. */
const COUNT_CAP = 100_000;

export class LogService {
  constructor(private readonly orm: MikroORM) {}

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
    const { search, requestId, from, to } = parseInput(logFilterSchema, q);
    const where: Record<string, unknown> = {};
    if (from || to) where.time = { ...(from && { $gte: from }), ...(to && { $lte: to }) };
    if (q.level) where.level = { $gte: LEVEL_VALUE[q.level] };
    if (q.service) where.service = q.service;
    if (q.owner !== undefined) where.userId = q.owner;
    if (search) where.message = { $ilike: likePattern(search) };
    if (requestId) where.requestId = requestId;
    return where;
  }
}

/** A line as published to `logs.added`, back into the GraphQL type. */
export function toLogEntry(line: ParsedLine): LogEntry {
  return Object.assign(new LogEntry(), { ...line, time: new Date(line.time) });
}
