import type { LogLevel } from '../agents/agent.js';
import { Batcher } from '../lib/batcher.js';
import type { Sql } from '../lib/sql.js';
import type { TaskStatus } from '../modules/task/task-status.js';
import { OPEN_SQL, type TaskRow, type TaskSnapshot, toSnapshot } from './task-row.js';

export interface Settlement {
  id: string;
  /** SUCCEEDED and FAILED are final; QUEUED means "failed this attempt, a retry is scheduled". */
  status: Extract<TaskStatus, 'SUCCEEDED' | 'FAILED' | 'QUEUED'>;
  result?: unknown;
  error?: string | null;
}

interface LogLine {
  taskId: string;
  level: LogLevel;
  message: string;
  data?: unknown;
}

type Change = { kind: 'start'; id: string } | { kind: 'settle'; settlement: Settlement };

/**
 * The worker's writes to PostgreSQL. Changes are batched (one statement for every task that started or
 * settled in the same moment; log lines and progress apart), and every write is a compare-and-set on the
 * status, so a task cancelled by the API is never revived by a worker that finishes late.
 */
export class TaskJournal {
  private readonly changes: Batcher<Change, TaskSnapshot | null>;
  private readonly logs: Batcher<LogLine, void>;
  private readonly progress = new Map<string, { progress: number; message: string | null }>();
  private progressTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly progressFlushMs = 500,
  ) {
    // Starts and settlements of different tasks share one statement (one round trip, one plan) per burst.
    this.changes = new Batcher(async (ops) => {
      const starts = ops.filter((o) => o.kind === 'start').map((o) => o.id);
      const settles = ops.flatMap((o) => (o.kind === 'settle' ? [o.settlement] : []));
      const rows = await sql.query<TaskRow>(
        `with started as (
           update task_queue set status = 'RUNNING', started_at = now(), attempts = attempts + 1,
                  progress = 0, progress_message = null, updated_at = now()
            where id = any($1::uuid[]) and ${OPEN_SQL} returning *
         ), settled as (
           update task_queue t
              set status = v.status, result = v.result, error_message = v.error,
                  progress = case when v.status = 'SUCCEEDED' then 100 else t.progress end,
                  progress_message = null,
                  completed_at = case when v.status = 'QUEUED' then null else now() end,
                  updated_at = now()
             from json_to_recordset($2::json) as v(id uuid, status text, result jsonb, error text)
            where t.id = v.id and t.status = 'RUNNING'
            returning t.*
         )
         select * from started union all select * from settled`,
        [
          starts,
          JSON.stringify(settles.map((s) => ({ ...s, result: s.result ?? null, error: s.error ?? null }))),
        ],
        'journal_changes',
      );
      // A task is started or settled, never both, in one burst: its settlement waits for its start.
      const byId = new Map(rows.map((r) => [r.id, toSnapshot(r)]));
      return ops.map((o) => byId.get(o.kind === 'start' ? o.id : o.settlement.id) ?? null);
    });
    this.logs = new Batcher<LogLine, void>(async (lines) => {
      await sql.query(
        `insert into task_logs (task_id, level, message, data)
         select v.task_id, v.level, v.message, v.data
           from json_to_recordset($1::json) as v(task_id uuid, level text, message text, data jsonb)
           join task_queue t on t.id = v.task_id`,
        [
          JSON.stringify(
            lines.map((l) => ({
              task_id: l.taskId,
              level: l.level,
              message: l.message,
              data: l.data ?? null,
            })),
          ),
        ],
      );
      return lines.map(() => undefined);
    });
  }

  /** RUNNING, if the task is still open; null when it was cancelled or no longer exists. */
  start(taskId: string): Promise<TaskSnapshot | null> {
    return this.changes.push({ kind: 'start', id: taskId });
  }

  /** The new state, or null when the task had already left RUNNING (cancelled meanwhile). */
  settle(settlement: Settlement): Promise<TaskSnapshot | null> {
    this.progress.delete(settlement.id);
    return this.changes.push({ kind: 'settle', settlement });
  }

  log(line: LogLine): Promise<void> {
    return this.logs.push(line);
  }

  /** Progress is frequent (streamed tokens); only the latest value per task is written, every `progressFlushMs`. */
  setProgress(taskId: string, progress: number, message: string | null): void {
    this.progress.set(taskId, { progress, message });
    this.progressTimer ??= setTimeout(() => void this.flushProgress(), this.progressFlushMs);
  }

  async flushProgress(): Promise<void> {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    if (this.progress.size === 0) return;
    const items = [...this.progress].map(([id, p]) => ({ id, ...p }));
    this.progress.clear();
    await this.sql
      .query(
        `update task_queue t set progress = v.progress, progress_message = v.message, updated_at = now()
           from json_to_recordset($1::json) as v(id uuid, progress int, message text)
          where t.id = v.id and t.status = 'RUNNING'`,
        [JSON.stringify(items)],
      )
      .catch(() => undefined);
  }

  /**
   * Fails open tasks the queue gave up on without our processor settling them (stall limit exceeded,
   * a child failing its parent). Returns what changed, to publish.
   */
  async failOpen(ids: string[], error: string): Promise<TaskSnapshot[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<TaskRow>(
      `update task_queue set status = 'FAILED', error_message = $2, completed_at = now(), updated_at = now()
        where id = any($1::uuid[]) and ${OPEN_SQL} and schedule is null returning *`,
      [ids, error],
    );
    return rows.map(toSnapshot);
  }

  async drain(): Promise<void> {
    await Promise.all([this.changes.drain(), this.logs.drain(), this.flushProgress()]);
  }
}
