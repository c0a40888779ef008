import { Batcher, type Sql } from '@trae/kit';
import type { LogLevel } from '../runtime/agent.js';
import type { TaskMode } from '../task/task-mode.js';
import type { TaskStatus } from '../task/task-status.js';
import { OPEN_SQL, openSql, type TaskRow, type TaskSnapshot, toSnapshot } from './task-row.js';

export interface Settlement {
  id: string;
  /** SUCCEEDED and FAILED are final; QUEUED means "failed this attempt, a retry is scheduled". */
  status: Extract<TaskStatus, 'SUCCEEDED' | 'FAILED' | 'QUEUED'>;
  result?: unknown;
  error?: string | null;
  /** The attempt as it ran (its row may never have been marked RUNNING). */
  startedAt: Date;
  attempts: number;
  progress: number;
  /** How it was written, when the runtime said (kept from an earlier attempt otherwise). */
  mode?: TaskMode | null;
  /** Model tokens and cost of this attempt, added to the task's totals. */
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
}

/** A running attempt, as the worker holds it: what `markRunning` writes. */
export type RunningTask = Pick<
  TaskSnapshot,
  'id' | 'startedAt' | 'attempts' | 'progress' | 'progressMessage'
>;

interface LogLine {
  taskId: string;
  level: LogLevel;
  message: string;
  data?: unknown;
}

type Change =
  | { kind: 'start'; id: string; started: number }
  | { kind: 'mark'; task: RunningTask }
  | { kind: 'settle'; settlement: Settlement };

const OPEN_T = openSql('t.status');

/**
 * The worker's reads and writes of `task_queue`. They are batched: one statement for every task that
 * started, was marked or settled in the same moment (log lines and progress apart). Every write is a
 * compare-and-set on the status, so a task cancelled by the API is never revived by a worker that
 * finishes late.
 *
 * Starting a task only reads it. The row says RUNNING once the attempt has run `markRunning`'s delay
 * (the processor's choice, a fraction of a second): most tasks finish sooner and go from QUEUED to their
 * outcome in one write, with the attempt's start time and number. That is a third fewer row versions,
 * index entries and WAL per task, and it is what progress already does (written behind, every 500 ms).
 * Subscribers still see RUNNING at once: the event goes out when the attempt starts.
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
    // One statement (one round trip, one plan) per burst. A task is in at most one part of a burst: it
    // is marked only after its start returned, and its settlement waits for its mark.
    this.changes = new Batcher(async (ops) => {
      const starts: string[] = [];
      const marks: RunningTask[] = [];
      const settles: Settlement[] = [];
      for (const o of ops) {
        if (o.kind === 'start') starts.push(o.id);
        else if (o.kind === 'mark') marks.push(o.task);
        else settles.push(o.settlement);
      }
      const rows = await sql.query<TaskRow & { now: Date }>(
        `with started as (
           select t.*, now() from task_queue t where t.id = any($1::uuid[]) and ${OPEN_T}
         ), marked as (
           update task_queue t
              set status = 'RUNNING', started_at = v.started_at, attempts = v.attempts,
                  progress = v.progress, progress_message = v.message, updated_at = now()
             from json_to_recordset($2::json) as v(id uuid, started_at timestamptz, attempts int, progress int, message text)
            where t.id = v.id and ${OPEN_T}
            returning t.*, now()
         ), settled as (
           update task_queue t
              set status = v.status, result = v.result, error_message = v.error,
                  started_at = v.started_at, attempts = v.attempts,
                  progress = case when v.status = 'SUCCEEDED' then 100 else v.progress end,
                  progress_message = null, mode = coalesce(v.mode, t.mode),
                  input_tokens = t.input_tokens + v.input_tokens, output_tokens = t.output_tokens + v.output_tokens,
                  cost_usd = t.cost_usd + v.cost_usd,
                  completed_at = case when v.status = 'QUEUED' then null else now() end,
                  updated_at = now()
             from json_to_recordset($3::json) as v(id uuid, status text, result jsonb, error text,
                                                   started_at timestamptz, attempts int, progress int,
                                                   mode text, input_tokens int, output_tokens int, cost_usd numeric)
            where t.id = v.id and ${OPEN_T}
            returning t.*, now()
         )
         select * from started union all select * from marked union all select * from settled`,
        [
          starts,
          JSON.stringify(
            marks.map((m) => ({
              id: m.id,
              started_at: m.startedAt,
              attempts: m.attempts,
              progress: m.progress,
              message: m.progressMessage,
            })),
          ),
          JSON.stringify(
            settles.map((s) => ({
              id: s.id,
              status: s.status,
              result: s.result ?? null,
              error: s.error ?? null,
              started_at: s.startedAt,
              attempts: s.attempts,
              progress: s.progress,
              mode: s.mode ?? null,
              input_tokens: s.usage?.inputTokens ?? 0,
              output_tokens: s.usage?.outputTokens ?? 0,
              cost_usd: s.usage?.costUsd ?? 0,
            })),
          ),
        ],
        'journal_changes',
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ops.map((o) => {
        const row = byId.get(o.kind === 'start' ? o.id : o.kind === 'mark' ? o.task.id : o.settlement.id);
        if (!row) return null;
        const task = toSnapshot(row);
        if (o.kind !== 'start') return task;
        // The attempt as it runs; the row says so once it is marked or settled. An attempt whose worker
        // died before its mark left no trace in the row, only in the queue's count of starts.
        return {
          ...task,
          status: 'RUNNING',
          attempts: Math.max(task.attempts + 1, o.started),
          startedAt: row.now,
          progress: 0,
          progressMessage: null,
          updatedAt: row.now,
        };
      });
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

  /**
   * Reads a task to run it: the attempt as it runs (RUNNING, its number, the database's time as its start),
   * or null when the task was cancelled or no longer exists. Writes nothing; see `markRunning`.
   * `started` is how many times the queue has started the task, this attempt included: the attempt's
   * number is the larger of that and the row's count plus one.
   */
  start(taskId: string, started = 0): Promise<TaskSnapshot | null> {
    return this.changes.push({ kind: 'start', id: taskId, started });
  }

  /** Writes RUNNING for an attempt still running. False when the task is no longer open (cancelled). */
  async markRunning(task: RunningTask): Promise<boolean> {
    return (await this.changes.push({ kind: 'mark', task })) !== null;
  }

  /** The new state, or null when the task was no longer open (cancelled meanwhile). */
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
          where t.id = v.id and ${OPEN_T}`,
        [JSON.stringify(items)],
      )
      .catch(() => undefined);
  }

  /**
   * Fails open tasks the queue gave up on without our processor settling them (stall limit exceeded,
   * a child failing its parent). Returns what changed, to publish. `started`, when the queue knows it, is
   * how many attempts began (some may have died before the row counted them).
   */
  async failOpen(ids: string[], error: string, started = 0): Promise<TaskSnapshot[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<TaskRow>(
      `update task_queue set status = 'FAILED', error_message = $2, attempts = greatest(attempts, $3),
              completed_at = now(), updated_at = now()
        where id = any($1::uuid[]) and ${OPEN_SQL} and schedule is null returning *`,
      [ids, error, started],
    );
    return rows.map(toSnapshot);
  }

  async drain(): Promise<void> {
    await Promise.all([this.changes.drain(), this.logs.drain(), this.flushProgress()]);
  }
}
