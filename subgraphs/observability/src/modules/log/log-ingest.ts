import type { Logger, Sql, SqlQuery } from '@trae/kit';
import type { ErrorService } from '../error/error.service.js';
import type { Live } from '../live/live.js';
import { type ParsedLine, parseLine } from './log-line.js';

/** `[stream id, line]` as read from the log stream. */
export type StreamLine = [id: string, line: string];

export const LOGS_ADDED = 'logs.added';

/** A redelivered entry hits the primary key and is skipped; `returning` tells us which rows are new. */
const INSERT = `
insert into log_entries (id, time, level, service, message, request_id, user_id, context)
select id, time, level, service, message, "requestId", "userId", context
from jsonb_to_recordset($1::jsonb) as x(id text, time timestamptz, level int2, service text, message text,
  "requestId" text, "userId" text, context jsonb)
on conflict (id) do nothing
returning id`;

/** PostgreSQL text cannot hold NUL; drop `\u0000` escapes (but not an escaped backslash before "u0000"). */
const NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

export interface IngestResult {
  stored: number;
  groups: number;
}

/**
 * Stores a batch of shipped lines in one transaction with the error groups they feed, then offers
 * the new lines to `logAdded` subscribers. Nothing is stored twice, however often a batch arrives.
 */
export class LogIngest {
  constructor(
    private readonly sql: Sql,
    private readonly errors: ErrorService,
    private readonly live: Live,
    private readonly logger: Logger,
  ) {}

  async store(entries: StreamLine[]): Promise<IngestResult> {
    if (!entries.length) return { stored: 0, groups: 0 };
    const lines = entries.map(([id, line]) => parseLine(id, line));
    const result = await this.storeLines(lines);
    if (result.fresh.length) await this.live.publishIfHeard(LOGS_ADDED, { entries: result.fresh });
    return { stored: result.fresh.length, groups: result.groups };
  }

  private async storeLines(lines: ParsedLine[]): Promise<{ fresh: ParsedLine[]; groups: number }> {
    try {
      return await this.sql.transaction((query) => this.insert(query, lines));
    } catch (err) {
      // A line the database refuses (class 22/23: bad data) must not block the stream forever:
      // halve the batch until it is found, and store a note in its place. Outages are rethrown.
      const code = String((err as { code?: string }).code ?? '');
      if (!/^2[23]/.test(code)) throw err;
      if (lines.length === 1) return this.storeRefused(lines[0], err as Error);
      const mid = Math.ceil(lines.length / 2);
      const a = await this.storeLines(lines.slice(0, mid));
      const b = await this.storeLines(lines.slice(mid));
      return { fresh: [...a.fresh, ...b.fresh], groups: a.groups + b.groups };
    }
  }

  private async insert(query: SqlQuery, lines: ParsedLine[]) {
    const rows = await query<{ id: string }>(INSERT, [JSON.stringify(lines).replace(NUL, '$1')]);
    const inserted = new Set(rows.map((r) => r.id));
    const fresh = inserted.size === lines.length ? lines : lines.filter((l) => inserted.has(l.id));
    const groups = await this.errors.record(query, fresh);
    return { fresh, groups };
  }

  private storeRefused(line: ParsedLine, err: Error) {
    this.logger.warn({ logId: line.id, service: line.service, reason: err.message }, 'log line refused');
    const note: ParsedLine = {
      ...line,
      message: `log line could not be stored: ${err.message}`.slice(0, 1_000),
      context: { refused: true },
    };
    return this.sql.transaction((query) => this.insert(query, [note]));
  }
}
