import type { Sql } from '@trae/kit';
import { OPEN_SQL, type TaskRow, type TaskSnapshot, toSnapshot } from '../engine/task-row.js';
import type { TaskStatus } from './task-status.js';

export interface NewTask {
  id: string;
  type: string;
  agent: string;
  status: TaskStatus;
  priority: number;
  input: Record<string, unknown>;
  maxAttempts: number;
  idempotencyKey: string | null;
  runAt: Date | null;
  schedule: string | null;
  parentId: string | null;
  channelId: string | null;
  createdBy: string | null;
  createdByRole: string | null;
}

/**
 * The API's writes to `task_queue` in plain SQL: one statement per batch of new tasks, and status
 * changes as compare-and-set so the API and the workers can never overwrite each other's outcome.
 */
export class TaskStore {
  constructor(private readonly sql: Sql) {}

  /** Inserts in one statement. A task whose creator already used its idempotency key is skipped (not returned). */
  async insert(tasks: NewTask[], query = this.sql.query.bind(this.sql)): Promise<TaskSnapshot[]> {
    if (tasks.length === 0) return [];
    const rows = await query<TaskRow>(
      `insert into task_queue (id, task_type, agent, status, priority, task_data, max_attempts, idempotency_key,
                               run_at, schedule, parent_id, channel_id, created_by, created_by_role)
       select v.id, v.type, v.agent, v.status, v.priority, v.input, v.max_attempts, v.idempotency_key,
              v.run_at, v.schedule, v.parent_id, v.channel_id, v.created_by, v.created_by_role
         from json_to_recordset($1::json) as v(id uuid, type text, agent text, status text, priority int, input jsonb,
              max_attempts int, idempotency_key text, run_at timestamptz, schedule text, parent_id uuid,
              channel_id uuid, created_by uuid, created_by_role text)
       on conflict (created_by, idempotency_key) where idempotency_key is not null do nothing
       returning *`,
      [
        JSON.stringify(
          tasks.map((t) => ({
            ...t,
            max_attempts: t.maxAttempts,
            idempotency_key: t.idempotencyKey,
            run_at: t.runAt,
            parent_id: t.parentId,
            channel_id: t.channelId,
            created_by: t.createdBy,
            created_by_role: t.createdByRole,
          })),
        ),
      ],
    );
    const byId = new Map(rows.map((r) => [r.id, toSnapshot(r)]));
    return tasks.flatMap((t) => byId.get(t.id) ?? []);
  }

  /** A parent and its children in one transaction; nothing is written when the parent's key exists. */
  insertTree(
    parent: NewTask,
    children: NewTask[],
  ): Promise<{ parent: TaskSnapshot; children: TaskSnapshot[] } | null> {
    return this.sql.transaction(async (query) => {
      const [inserted] = await this.insert([parent], query);
      if (!inserted) return null;
      return { parent: inserted, children: await this.insert(children, query) };
    });
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length)
      await this.sql.query(`update task_queue set enqueued_at = now() where id = any($1::uuid[])`, [ids]);
  }

  async byId(id: string): Promise<TaskSnapshot | null> {
    const [row] = await this.sql.query<TaskRow>(`select * from task_queue where id = $1`, [id]);
    return row ? toSnapshot(row) : null;
  }

  /** The task its creator made with that key; keys are scoped per creator (null: tasks no user created). */
  async byIdempotencyKey(createdBy: string | null, key: string): Promise<TaskSnapshot | null> {
    const [row] = await this.sql.query<TaskRow>(
      `select * from task_queue where created_by is not distinct from $1 and idempotency_key = $2`,
      [createdBy, key],
    );
    return row ? toSnapshot(row) : null;
  }

  /** How many schedules of the user are active (PENDING; cancelled ones do not count). */
  async activeSchedules(userId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      `select count(*)::int as n from task_queue
        where created_by = $1 and schedule is not null and parent_id is null and status = 'PENDING'`,
      [userId],
    );
    return row.n;
  }

  /** A key the platform itself uses (channel schedules), whoever owns the task now. */
  async bySystemKey(key: string): Promise<TaskSnapshot | null> {
    const [row] = await this.sql.query<TaskRow>(
      `select * from task_queue where idempotency_key = $1 order by created_at limit 1`,
      [key],
    );
    return row ? toSnapshot(row) : null;
  }

  async children(parentId: string): Promise<TaskSnapshot[]> {
    const rows = await this.sql.query<TaskRow>(
      `select * from task_queue where parent_id = $1 order by created_at, id`,
      [parentId],
    );
    return rows.map(toSnapshot);
  }

  /** Cancels the open ones among `ids`; returns those it changed. */
  async cancel(ids: string[]): Promise<TaskSnapshot[]> {
    const rows = await this.sql.query<TaskRow>(
      `update task_queue set status = 'CANCELLED', completed_at = now(), progress_message = null, updated_at = now()
        where id = any($1::uuid[]) and ${OPEN_SQL} returning *`,
      [ids],
    );
    return rows.map(toSnapshot);
  }

  /** Back to the start for another run under a new job id, if it is still finished-but-not-succeeded. */
  async reset(id: string, status: TaskStatus, jobId: string): Promise<TaskSnapshot | null> {
    const [row] = await this.sql.query<TaskRow>(
      `update task_queue
          set status = $2, job_id = $3, enqueued_at = null, attempts = 0, progress = 0, progress_message = null,
              result = null, error_message = null, started_at = null, completed_at = null, updated_at = now()
        where id = $1 and status in ('FAILED', 'CANCELLED') returning *`,
      [id, status, jobId],
    );
    return row ? toSnapshot(row) : null;
  }

  /** Updates a schedule in place (the channel's cron or settings changed); reopens it if it was cancelled. */
  async reschedule(
    id: string,
    schedule: string,
    input: Record<string, unknown>,
    createdBy: string,
  ): Promise<TaskSnapshot | null> {
    const [row] = await this.sql.query<TaskRow>(
      `update task_queue set schedule = $2, task_data = $3, created_by = $4, status = 'PENDING', completed_at = null,
              error_message = null, enqueued_at = null, updated_at = now()
        where id = $1 returning *`,
      [id, schedule, JSON.stringify(input), createdBy],
    );
    return row ? toSnapshot(row) : null;
  }
}
