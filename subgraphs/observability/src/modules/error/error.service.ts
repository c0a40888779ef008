import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  decodeSerialCursor,
  Errors,
  type Principal,
  pageSize,
  type Sql,
  type SqlQuery,
  toConnection,
} from '@trae/kit';
import type { ErrorBurst } from '../alert/alert-conditions.js';
import { errorOf, type ParsedLine, type SerializedError } from '../log/log-line.js';
import { ErrorGroupState, ErrorSeverity } from './error.enums.js';
import { ErrorsArgs } from './error.inputs.js';
import { ErrorGroup } from './error-group.entity.js';
import { countOccurrences, hourlyCounts, type Occurrence } from './error-series.js';
import { UPSERT, UPSERT_USERS, type UserRow } from './error-upsert.js';
import { signature } from './fingerprint.js';

export interface ErrorQuery {
  first?: number | null;
  after?: string | null;
  resolved?: boolean | null;
  service?: string | null;
  state?: ErrorGroupState | null;
  /** The caller may see only this user's share of each group; undefined means everything. */
  owner?: string;
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

/** What NEW means: first seen this recently. */
const NEW_MS = 24 * 3_600_000;

/**
 * The groups one user's requests hit, as those requests saw them: count, first and last seen,
 * message, stack and sample are the user's own; type, service, severity and resolution are the
 * group's. `$1` user, `$2` resolved filter, `$3` service filter, `$4` state filter with `$5` the
 * start of NEW, `$6`/`$7` the cursor.
 */
const MINE = `
from error_tracking g join error_group_users u on u.fingerprint = g.fingerprint and u.user_id = $1
where ($2::boolean is null or g.resolved = $2) and ($3::text is null or g.service = $3)
  and ($4::text is null or ($4 = 'NEW' and u.first_seen_at >= $5::timestamptz)
    or ($4 = 'REGRESSED' and g.reopened_count > 0 and not g.resolved))`;
const MINE_PAGE = `
select g.id, g.fingerprint, g.error_type, g.service, g.severity, g.resolved, g.resolved_at, g.resolved_by,
  g.reopened_count, u.count, u.first_seen_at, u.last_seen_at, u.error_message, u.stack_trace, u.context
${MINE} and ($6::timestamptz is null or (u.last_seen_at, g.id) < ($6, $7::int))
order by u.last_seen_at desc, g.id desc limit $8`;

/**
 * Open groups that appeared or came back since `$1` - `$2` seconds, with their occurrences per minute
 * since then (at least a minute, so one occurrence a second ago is not 60 a minute).
 */
const BURSTS = `
select error_type as type, service, error_message as message, reopened_at is not null as reopened,
  (count - count_at_reopen)::float8
    / greatest(1, extract(epoch from ($1::timestamptz - coalesce(reopened_at, created_at))) / 60) as "perMinute"
from error_tracking
where not resolved and coalesce(reopened_at, created_at) >= $1::timestamptz - make_interval(secs => $2)
order by "perMinute" desc limit 50`;

const SAMPLE_FIELDS = ['route', 'url', 'method', 'status', 'path', 'job', 'stream', 'taskId', 'agent'];

export class ErrorService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sql: Sql,
  ) {}

  /**
   * Groups the error-level lines that carry a stack; runs inside the ingest transaction, on lines
   * stored for the first time only, so a redelivered batch is never counted twice.
   */
  async record(query: SqlQuery, lines: ParsedLine[]): Promise<number> {
    const groups = new Map<string, GroupRow>();
    const shares = new Map<string, UserRow>();
    const occurrences: Occurrence[] = [];
    for (const line of lines) {
      const err = line.level >= 50 ? errorOf(line.context) : undefined;
      if (!err?.stack) continue;
      const sig = signature({ type: err.type, message: err.message, stack: err.stack });
      occurrences.push({ fingerprint: sig.fingerprint, userId: line.userId ?? '', time: line.time });
      const severity = line.level >= 60 ? ErrorSeverity.CRITICAL : ErrorSeverity.MEDIUM;
      if (line.userId) share(shares, sig.fingerprint, line, err);
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
    if (shares.size) await query(UPSERT_USERS, [JSON.stringify([...shares.values()])]);
    await countOccurrences(query, occurrences);
    return groups.size;
  }

  /** A page of groups, each with its hourly counts (the caller's own share for a user). */
  async list(q: ErrorQuery): Promise<ConnectionShape<ErrorGroup>> {
    const page = q.owner !== undefined ? await this.listShares(q, q.owner) : await this.listAll(q);
    await this.withHourly(
      page.edges.map((e) => e.node),
      q.owner,
    );
    return page;
  }

  private async withHourly(groups: ErrorGroup[], owner?: string): Promise<void> {
    const counts = await hourlyCounts(
      this.sql,
      groups.map((g) => g.fingerprint),
      owner,
    );
    for (const g of groups) g.hourly = counts.get(g.fingerprint) ?? [];
  }

  private async listAll(q: ErrorQuery): Promise<ConnectionShape<ErrorGroup>> {
    const limit = pageSize(q.first, ErrorsArgs.size);
    const em = this.orm.em.fork();
    const where: Record<string, unknown> = {};
    if (q.resolved !== undefined && q.resolved !== null) where.resolved = q.resolved;
    if (q.service) where.service = q.service;
    if (q.state === ErrorGroupState.NEW) where.createdAt = { $gte: new Date(Date.now() - NEW_MS) };
    if (q.state === ErrorGroupState.REGRESSED)
      Object.assign(where, { reopenedCount: { $gt: 0 }, resolved: false });
    const totalCount = await em.count(ErrorGroup, where);
    if (q.after) {
      const k = decodeSerialCursor(q.after);
      where.$or = [{ lastSeenAt: { $lt: k.createdAt } }, { lastSeenAt: k.createdAt, id: { $lt: k.id } }];
    }
    const rows = await em.find(ErrorGroup, where, {
      orderBy: { lastSeenAt: 'desc', id: 'desc' },
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount, (g) => ({ createdAt: g.lastSeenAt, id: String(g.id) }));
  }

  /** What one user may see of error groups (see MINE), paged like `list`. */
  private async listShares(q: ErrorQuery, owner: string): Promise<ConnectionShape<ErrorGroup>> {
    const limit = pageSize(q.first, ErrorsArgs.size);
    const filters = [
      owner,
      q.resolved ?? null,
      q.service ?? null,
      q.state ?? null,
      new Date(Date.now() - NEW_MS),
    ];
    const [{ n }] = await this.sql.query<{ n: string }>(`select count(*) as n ${MINE}`, filters);
    const k = q.after ? decodeSerialCursor(q.after) : undefined;
    const rows = await this.sql.query<ShareRow>(MINE_PAGE, [
      ...filters,
      k?.createdAt ?? null,
      k?.id ?? null,
      limit + 1,
    ]);
    return toConnection(rows.map(toGroup), limit, Number(n), (g) => ({
      createdAt: g.lastSeenAt,
      id: String(g.id),
    }));
  }

  /** What ERROR_GROUP alert rules watch: groups new or reopened in the last `windowSeconds`. */
  async bursts(now: Date, windowSeconds: number): Promise<ErrorBurst[]> {
    const rows = await this.sql.query<ErrorBurst>(BURSTS, [now, windowSeconds]);
    return rows.map((r) => ({ ...r, perMinute: Number(r.perMinute) }));
  }

  /** Resolving twice is harmless: the first resolution stands. */
  resolve(id: string, user: Principal): Promise<ErrorGroup> {
    return this.change(id, (group) => {
      if (group.resolved) return;
      group.resolved = true;
      group.resolvedAt = new Date();
      group.resolvedBy = user.id;
    });
  }

  /** Open again by hand (a regression reopens by itself); reopening an open group is harmless. */
  reopen(id: string): Promise<ErrorGroup> {
    return this.change(id, (group) => {
      group.resolved = false;
      group.resolvedAt = null;
      group.resolvedBy = null;
    });
  }

  private async change(id: string, edit: (group: ErrorGroup) => void): Promise<ErrorGroup> {
    const em = this.orm.em.fork();
    const group = /^\d{1,9}$/.test(id) ? await em.findOne(ErrorGroup, { id: Number(id) }) : null;
    if (!group) throw Errors.notFound('Error group');
    edit(group);
    await em.flush();
    await this.withHourly([group]);
    return group;
  }
}

interface ShareRow {
  id: number;
  fingerprint: string;
  error_type: string;
  service: string;
  severity: ErrorSeverity;
  resolved: boolean;
  /** Timestamps arrive as text: the ORM's pool leaves PostgreSQL's dates unparsed. */
  resolved_at: string | null;
  resolved_by: string | null;
  reopened_count: number;
  count: number;
  first_seen_at: string;
  last_seen_at: string;
  error_message: string;
  stack_trace: string;
  context: Record<string, unknown>;
}

const toGroup = (r: ShareRow): ErrorGroup =>
  Object.assign(new ErrorGroup(), {
    id: r.id,
    fingerprint: r.fingerprint,
    errorType: r.error_type,
    errorMessage: r.error_message,
    stackTrace: r.stack_trace,
    service: r.service,
    severity: r.severity,
    count: r.count,
    createdAt: new Date(r.first_seen_at),
    lastSeenAt: new Date(r.last_seen_at),
    resolved: r.resolved,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    resolvedBy: r.resolved_by,
    reopenedCount: r.reopened_count,
    context: r.context,
  });

/** Adds an occurrence to its user's share of the group. */
function share(shares: Map<string, UserRow>, fingerprint: string, line: ParsedLine, err: SerializedError) {
  const userId = line.userId as string;
  const key = `${fingerprint} ${userId}`;
  const message = (err.message ?? line.message).slice(0, 10_000);
  const stack = (err.stack ?? '').slice(0, 16_000);
  const seen = shares.get(key);
  if (!seen) {
    shares.set(key, {
      fingerprint,
      userId,
      count: 1,
      first: line.time,
      last: line.time,
      message,
      stack,
      context: sample(line),
    });
    return;
  }
  seen.count++;
  if (line.time < seen.first) seen.first = line.time;
  if (line.time >= seen.last) Object.assign(seen, { last: line.time, message, stack, context: sample(line) });
}

/** What an occurrence looked like, without its stack (kept once on the group) or bulky fields. */
function sample(line: ParsedLine): Record<string, unknown> {
  const picked: Record<string, unknown> = {
    logId: line.id,
    requestId: line.requestId,
    userId: line.userId,
    message: line.message,
  };
  for (const key of SAMPLE_FIELDS) if (line.context[key] !== undefined) picked[key] = line.context[key];
  return picked;
}
