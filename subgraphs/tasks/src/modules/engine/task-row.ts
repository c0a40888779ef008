import type { TaskMode } from '../task/task-mode.js';
import type { TaskStatus } from '../task/task-status.js';

/** A task as plain data: what SQL returns (mapped), what resolvers read, and what `task.updated` carries. */
export interface TaskSnapshot {
  id: string;
  type: string;
  agent: string;
  status: TaskStatus;
  priority: number;
  progress: number;
  progressMessage: string | null;
  input: Record<string, unknown>;
  result: unknown;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  idempotencyKey: string | null;
  runAt: Date | null;
  schedule: string | null;
  parentId: string | null;
  channelId: string | null;
  createdBy: string | null;
  createdByRole: string | null;
  jobId: string | null;
  enqueuedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  /** Null for work that writes nothing (system checks, research without a model). */
  mode: TaskMode | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface TaskRow {
  id: string;
  task_type: string;
  agent: string;
  status: TaskStatus;
  priority: number;
  progress: number;
  progress_message: string | null;
  task_data: Record<string, unknown>;
  result: unknown;
  error_message: string | null;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
  run_at: Date | null;
  schedule: string | null;
  parent_id: string | null;
  channel_id: string | null;
  created_by: string | null;
  created_by_role: string | null;
  job_id: string | null;
  enqueued_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
  mode: TaskMode | null;
  input_tokens: number;
  output_tokens: number;
  /** numeric comes back from pg as a string. */
  cost_usd: string | number;
}

export const toSnapshot = (r: TaskRow): TaskSnapshot => ({
  id: r.id,
  type: r.task_type,
  agent: r.agent,
  status: r.status,
  priority: r.priority,
  progress: r.progress,
  progressMessage: r.progress_message,
  input: r.task_data,
  result: r.result,
  error: r.error_message,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  idempotencyKey: r.idempotency_key,
  runAt: r.run_at,
  schedule: r.schedule,
  parentId: r.parent_id,
  channelId: r.channel_id,
  createdBy: r.created_by,
  createdByRole: r.created_by_role,
  jobId: r.job_id,
  enqueuedAt: r.enqueued_at,
  createdAt: r.created_at,
  startedAt: r.started_at,
  completedAt: r.completed_at,
  updatedAt: r.updated_at,
  mode: r.mode ?? null,
  inputTokens: r.input_tokens ?? 0,
  outputTokens: r.output_tokens ?? 0,
  costUsd: Number(r.cost_usd ?? 0),
});

/** What `task.updated` subscribers receive: the task without the engine's bookkeeping. */
export function publicSnapshot(t: TaskSnapshot) {
  const { createdByRole: _r, jobId: _j, enqueuedAt: _e, ...rest } = t;
  return rest;
}

/**
 * SQL for "not finished yet", the compare-and-set on rows already picked by id. Said as `not in` on
 * purpose: a positive `status in ('PENDING', …)` lets the planner, while the table's statistics are young
 * (a fresh install, the first minute of a burst), scan the (agent, status) index over every open task
 * instead of looking the ids up in the primary key; a negated list cannot use that index.
 */
export const openSql = (status = 'status') => `${status} not in ('SUCCEEDED', 'FAILED', 'CANCELLED')`;
export const OPEN_SQL = openSql();
