import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  decodeCursor,
  Errors,
  type Principal,
  pageSize,
  toConnection,
} from '@trae/kit';
import type { Query } from '../../sql.js';
import { errorOf, type ParsedLine } from '../logs/log-line.js';
import { ErrorGroup, ErrorSeverity } from './error-group.entity.js';
import { signature } from './fingerprint.js';

export interface ErrorQuery {
  first?: number | null;
  after?: string | null;
  resolved?: boolean | null;
  /** Only these services' groups; undefined means all. */
  services?: string[];
}

interface GroupRow {
  fingerprint: string;
  type: string;
  message: string;
  stack: string;
  service: string;
  severity: ErrorSeverity;
  count: number;
  first: string;
  last: string;
  context: Record<string, unknown>;
}

const SEVERITIES = `array['low','medium','high','critical']::varchar[]`;
const rank = (s: string) => `array_position(${SEVERITIES}, ${s})`;
/** The group was resolved and this occurrence is newer than the resolution: it is back. */
const REOPENS = 'error_tracking.resolved and excluded.last_seen_at > error_tracking.resolved_at';

/**
 * Same fingerprint, same row: the count grows, last seen moves, the latest sample replaces the old
 * one, and a resolved group that happens again is reopened and raised to at least HIGH.
 */
const UPSERT = `
insert into error_tracking
  (fingerprint, error_type, error_message, stack_trace, service, severity, count, created_at, last_seen_at, context)
select fingerprint, type, message, stack, service, severity, count, first, last, context
from jsonb_to_recordset($1::jsonb) as x(fingerprint text, type text, message text, stack text, service text,
  severity text, count int, first timestamptz, last timestamptz, context jsonb)
on conflict (fingerprint) do update set
  count = error_tracking.count + excluded.count,
  created_at = least(error_tracking.created_at, excluded.created_at),
  last_seen_at = greatest(error_tracking.last_seen_at, excluded.last_seen_at),
  error_message = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.error_message else error_tracking.error_message end,
  stack_trace = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.stack_trace else error_tracking.stack_trace end,
  context = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.context else error_tracking.context end,
  severity = (${SEVERITIES})[greatest(${rank('error_tracking.severity')}, ${rank('excluded.severity')},
    case when ${REOPENS} then 3 else 1 end)],
  reopened_count = error_tracking.reopened_count + case when ${REOPENS} then 1 else 0 end,
  resolved_by = case when ${REOPENS} then null else error_tracking.resolved_by end,
  resolved_at = case when ${REOPENS} then null else error_tracking.resolved_at end,
  resolved = case when ${REOPENS} then false else error_tracking.resolved end`;

const SAMPLE_FIELDS = ['route', 'url', 'method', 'status', 'path', 'job', 'stream', 'taskId', 'agent'];

export class ErrorService {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Groups the error-level lines that carry a stack; runs inside the ingest transaction, on lines
   * stored for the first time only, so a redelivered batch is never counted twice.
   */
  async record(query: Query, lines: ParsedLine[]): Promise<number> {
    const groups = new Map<string, GroupRow>();
    for (const line of lines) {
      const err = line.level >= 50 ? errorOf(line.context) : undefined;
      if (!err?.stack) continue;
      const sig = signature({ type: err.type, message: err.message, stack: err.stack });
      const severity = line.level >= 60 ? ErrorSeverity.CRITICAL : ErrorSeverity.MEDIUM;
      const group = groups.get(sig.fingerprint);
      if (!group) {
        groups.set(sig.fingerprint, {
          fingerprint: sig.fingerprint,
          type: sig.type,
          message: (err.message ?? line.message).slice(0, 10_000),
          stack: err.stack.slice(0, 16_000),
          service: line.service,
          severity,
          count: 1,
          first: line.time,
          last: line.time,
          context: sample(line),
        });
        continue;
      }
      group.count++;
      if (severity === ErrorSeverity.CRITICAL) group.severity = severity;
      if (line.time < group.first) group.first = line.time;
      if (line.time >= group.last) {
        Object.assign(group, {
          last: line.time,
          message: err.message ?? line.message,
          context: sample(line),
        });
        group.stack = err.stack.slice(0, 16_000);
      }
    }
    if (groups.size) await query(UPSERT, [JSON.stringify([...groups.values()])]);
    return groups.size;
  }

  async list(q: ErrorQuery): Promise<ConnectionShape<ErrorGroup>> {
    const limit = pageSize(q.first, 20);
    const em = this.orm.em.fork();
    const where: Record<string, unknown> = {};
    if (q.resolved !== undefined && q.resolved !== null) where.resolved = q.resolved;
    if (q.services) where.service = { $in: q.services };
    const totalCount = await em.count(ErrorGroup, where);
    if (q.after) {
      const k = decodeCursor(q.after);
      const id = Number(k.id);
      where.$or = [{ lastSeenAt: { $lt: k.createdAt } }, { lastSeenAt: k.createdAt, id: { $lt: id } }];
    }
    const rows = await em.find(ErrorGroup, where, {
      orderBy: { lastSeenAt: 'desc', id: 'desc' },
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount, (g) => ({ createdAt: g.lastSeenAt, id: String(g.id) }));
  }

  /** Resolving twice is harmless: the first resolution stands. */
  async resolve(id: string, user: Principal): Promise<ErrorGroup> {
    const em = this.orm.em.fork();
    const group = /^\d{1,9}$/.test(id) ? await em.findOne(ErrorGroup, { id: Number(id) }) : null;
    if (!group) throw Errors.notFound('Error group');
    if (!group.resolved) {
      group.resolved = true;
      group.resolvedAt = new Date();
      group.resolvedBy = user.id;
      await em.flush();
    }
    return group;
  }
}

/** What an occurrence looked like, without its stack (kept once on the group) or bulky fields. */
function sample(line: ParsedLine): Record<string, unknown> {
  const picked: Record<string, unknown> = {
    logId: line.id,
    requestId: line.requestId,
    message: line.message,
  };
  for (const key of SAMPLE_FIELDS) if (line.context[key] !== undefined) picked[key] = line.context[key];
  return picked;
}
