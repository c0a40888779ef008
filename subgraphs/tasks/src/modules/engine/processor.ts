import type { Logger, SafeHttp, Sql } from '@trae/kit';
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import { ZodError } from 'zod';
import {
  type AgentContext,
  type AgentRuntime,
  type ChildResult,
  type LogLevel,
  PermanentTaskError,
} from '../runtime/agent.js';
import type { FilesClient } from '../runtime/files-client.js';
import { LlmOutputError } from '../runtime/llm-client.js';
import type { PlatformClient } from '../runtime/platform-client.js';
import {
  type AgentModel,
  BudgetExceeded,
  type Budgets,
  type ModelUsage,
  type PriceTable,
  TaskModel,
} from '../runtime/task-model.js';
import type { TasksClient } from '../runtime/tasks-client.js';
import type { TaskMode } from '../task/task-mode.js';
import type { TaskEvents } from './events.js';
import type { Settlement, TaskJournal } from './journal.js';
import type { TaskOutputs } from './output.js';
import type { TaskJobData } from './queues.js';
import { CreatorRefused, type RunAuthority } from './run-authority.js';
import { type TaskRow, type TaskSnapshot, toSnapshot } from './task-row.js';

export interface Persona {
  name: string;
  runtime: string;
  configuration: Record<string, unknown>;
}

export interface ProcessorDeps {
  sql: Sql;
  journal: TaskJournal;
  events: TaskEvents;
  /** Where the model's text goes while it is written (`taskOutput(id)`). */
  outputs: TaskOutputs;
  runtimes: Record<string, AgentRuntime>;
  persona(name: string): Persona | undefined;
  http: SafeHttp;
  files: FilesClient;
  tasks: TasksClient;
  platform: PlatformClient;
  /** Each run acts with its creator's authority as it is now (identity and channels are asked). */
  authority: RunAuthority;
  llm: AgentModel | null;
  /** Prices of model tokens and the daily budgets every model call is checked against. */
  prices: PriceTable;
  budgets: Budgets;
  /** Every model call's tokens and cost, for the worker's metrics. */
  onModelUsage?: (call: ModelUsage) => void;
  taskTimeoutMs: number;
  /** An attempt still running this long is written as RUNNING (shorter ones go straight to their outcome). */
  markRunningMs: number;
  logger: Logger;
  /** Abort controllers of the tasks running in this process, by task id (cancellation reaches them here). */
  running: Map<string, AbortController>;
  onSettled?: (task: TaskSnapshot, ms: number) => void;
}

export const CANCELLED = 'cancelled';
/**
 * The abort reason of a task whose worker is stopping and cannot wait for it. The processor records the
 * hand-over on the task and throws a WaitingError; the worker pool moves the job back to wait.
 */
export const RELEASED = 'released';
const RELEASED_NOTE = 'its worker shut down before it finished; handed back to the queue';

/** Strings with NUL cannot go into jsonb; dates and undefined become what JSON makes of them. */
const jsonSafe = (value: unknown) =>
  value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)));

const describe = (err: unknown, signal: AbortSignal, timeoutMs: number) => {
  if (signal.aborted && (signal.reason as Error)?.name === 'TimeoutError')
    return `timed out after ${timeoutMs} ms`;
  if (err instanceof CreatorRefused) return `not run: ${err.message}`;
  if (err instanceof ZodError)
    return `invalid input: ${err.issues[0]?.path.join('.')} ${err.issues[0]?.message}`;
  return (err as Error)?.message || String(err);
};

/**
 * A schedule firing becomes a child task of the schedule (its own row, history and result), made with
 * its creator's role as it is now. A pause note left by an earlier firing goes with it.
 */
async function materializeRun(
  sql: Sql,
  scheduleId: string,
  jobId: string,
  role: string | null,
): Promise<string | null> {
  const rows = await sql.query<{ id: string }>(
    `with resumed as (
       update task_queue set error_message = null, updated_at = now()
        where id = $1 and error_message like '${PAUSED}%' returning id
     )
     insert into task_queue (id, task_type, task_data, status, priority, agent, max_attempts, idempotency_key,
                             parent_id, channel_id, created_by, created_by_role, job_id, enqueued_at)
     select gen_random_uuid(), task_type, task_data, 'QUEUED', priority, agent, max_attempts, $2,
            id, channel_id, created_by, $4, $3, now()
       from task_queue where id = $1 and schedule is not null and status = 'PENDING'
     on conflict (created_by, idempotency_key) where idempotency_key is not null do update set updated_at = now()
     returning id`,
    [scheduleId, `run:${jobId}`, jobId, role],
  );
  return rows[0]?.id ?? null;
}

/** How a schedule's error reads while its creator may not run it; the next allowed firing clears it. */
const PAUSED = 'paused: ';

/**
 * A schedule whose creator may not run it now (disabled, gone, demoted) makes no run: it stays PENDING
 * and says why in its error until a firing finds the creator allowed again. Returns the run's task id.
 */
async function fireSchedule(deps: ProcessorDeps, scheduleId: string, jobId: string): Promise<string | null> {
  const [schedule] = await deps.sql.query<TaskRow>(
    `select * from task_queue where id = $1 and schedule is not null and status = 'PENDING'`,
    [scheduleId],
  );
  if (!schedule) return null;
  let role: string | null;
  try {
    role = await deps.authority.roleFor({ createdBy: schedule.created_by, channelId: schedule.channel_id });
  } catch (err) {
    if (!(err instanceof CreatorRefused)) throw err;
    const reason = `${PAUSED}${err.message}; runs resume when its creator may run tasks again`;
    const [paused] = await deps.sql.query<TaskRow>(
      `update task_queue set error_message = $2, updated_at = now()
        where id = $1 and status = 'PENDING' and error_message is distinct from $2 returning *`,
      [scheduleId, reason],
    );
    if (paused) {
      deps.logger.warn({ taskId: scheduleId, reason: err.message }, 'schedule paused');
      await deps.events.published(toSnapshot(paused));
    }
    return null;
  }
  return materializeRun(deps.sql, scheduleId, jobId, role);
}

/**
 * Runs one BullMQ job: reads its task (unless it was cancelled meanwhile), announces it RUNNING, gives
 * the agent a context (abort signal, progress, logs, HTTP, files, LLM, child results), and records the
 * outcome. Failures are retried by BullMQ with exponential backoff unless they cannot succeed on a retry.
 */
export function createProcessor(deps: ProcessorDeps) {
  return async (job: Job<TaskJobData>): Promise<unknown> => {
    const taskId =
      job.data.taskId ?? (job.data.scheduleId && (await fireSchedule(deps, job.data.scheduleId, job.id!)));
    if (!taskId) return { skipped: 'the schedule was cancelled or is paused' };
    const controller = new AbortController();
    deps.running.set(taskId, controller);
    try {
      // BullMQ counts every start, including attempts whose worker died before the row counted them.
      const task = await deps.journal.start(taskId, (job.data.attemptsBefore ?? 0) + job.attemptsStarted);
      if (controller.signal.reason === RELEASED) throw new WaitingError(RELEASED);
      if (!task || controller.signal.aborted) return { skipped: 'cancelled before it started' };
      return await execute(deps, job, task, controller);
    } finally {
      deps.running.delete(taskId);
    }
  };
}

async function execute(
  deps: ProcessorDeps,
  job: Job<TaskJobData>,
  task: TaskSnapshot,
  controller: AbortController,
) {
  const started = performance.now();
  void deps.events.published(task);
  const persona = deps.persona(task.agent);
  const runtime = persona && deps.runtimes[persona.runtime];
  // One controller carries both cancellation and the time limit (cheaper than AbortSignal.any per task).
  const { signal } = controller;
  const timeoutMs = runtime?.timeoutMs?.(task.type) ?? deps.taskTimeoutMs;
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  // Most tasks finish before this fires, and their row goes from QUEUED to the outcome in one write.
  let marking: Promise<void> | undefined;
  const mark = setTimeout(() => {
    marking = deps.journal.markRunning(task).then(
      (open) => {
        if (!open) controller.abort(CANCELLED);
      },
      (err) => deps.logger.warn({ err, taskId: task.id }, 'could not mark the task RUNNING'),
    );
  }, deps.markRunningMs);
  let lastPublish = 0;
  let mode: TaskMode | null = null;
  const model = deps.llm && new TaskModel(deps.llm, deps, task);
  let settled: TaskSnapshot | null = null;
  const output = deps.outputs.writer(task.id, task.attempts, (err) =>
    deps.logger.warn({ err, taskId: task.id }, 'a piece of streamed task output was lost'),
  );
  // A late log line must never make a finished (or cancelled) task look RUNNING again to subscribers.
  const publishLive = async () => {
    if (settled) return deps.events.published(settled);
    if (!signal.aborted) return deps.events.published({ ...task, updatedAt: new Date() });
  };
  const settleAs = async (outcome: Pick<Settlement, 'status' | 'result' | 'error'>) => {
    clearTimeout(mark);
    // The whole text is out before the outcome is announced; a retry's attempt writes it again.
    await output.close(outcome.status !== 'QUEUED');
    // Its mark and its outcome must not meet in one statement (which one wins would be undefined).
    await marking;
    const done = await deps.journal.settle({
      ...outcome,
      mode,
      usage: model?.usage,
      id: task.id,
      startedAt: task.startedAt ?? new Date(),
      attempts: task.attempts,
      progress: task.progress,
    });
    if (!done) return null;
    settled = done;
    deps.onSettled?.(done, performance.now() - started);
    await deps.events.settled(done);
    return done;
  };
  const ctx: AgentContext = {
    signal,
    progress: (percent, message) => {
      task.progress = Math.max(0, Math.min(100, Math.round(percent)));
      task.progressMessage = message ?? null;
      deps.journal.setProgress(task.id, task.progress, task.progressMessage);
      // Streaming can call this per token; subscribers get at most ten updates a second.
      if (Date.now() - lastPublish >= 100 || task.progress === 100) {
        lastPublish = Date.now();
        void publishLive();
      }
    },
    log: (level: LogLevel, message: string, data?: unknown) => {
      // Published once written, so a subscriber that reads `logs` on the event finds the line.
      void deps.journal
        .log({ taskId: task.id, level, message, data: jsonSafe(data) })
        .then(publishLive)
        .catch((err) => deps.logger.warn({ err, taskId: task.id }, 'task log line lost'));
    },
    output: (text) => output.write(text),
    http: deps.http,
    files: deps.files,
    tasks: deps.tasks,
    platform: deps.platform,
    llm: model,
    mode: (m) => {
      mode = m;
    },
    configuration: persona?.configuration ?? {},
    childResults: job.data.hasChildren ? await childResults(deps.sql, task.id) : [],
  };
  try {
    if (!runtime) throw new PermanentTaskError(`no runtime for agent ${task.agent}`);
    // Every attempt (retries and pipeline steps too) asks again: authority is what the creator has now.
    const createdByRole = await deps.authority.roleFor(task);
    const result = await runtime.run(
      {
        id: task.id,
        agent: task.agent,
        type: task.type,
        input: task.input,
        createdBy: task.createdBy,
        createdByRole,
        channelId: task.channelId,
        attempt: task.attempts,
      },
      ctx,
    );
    // A result that made it before the worker had to stop is kept; a hand-over would run it again.
    if (signal.reason !== RELEASED) signal.throwIfAborted();
    await settleAs({ status: 'SUCCEEDED', result: jsonSafe(result) });
    return { taskId: task.id };
  } catch (err) {
    if (signal.aborted && signal.reason === CANCELLED) {
      await output.close(true);
      // Progress sent before the cancel notice arrived may have gone out after the API's CANCELLED;
      // announcing the stored state again makes CANCELLED the last word.
      const [row] = await deps.sql.query<TaskRow>('select * from task_queue where id = $1', [task.id]);
      if (row) await deps.events.published(toSnapshot(row));
      throw new UnrecoverableError(CANCELLED);
    }
    if (signal.aborted && signal.reason === RELEASED) {
      ctx.log('WARN', `attempt ${task.attempts} stopped: ${RELEASED_NOTE}`);
      await settleAs({ status: 'QUEUED', error: `attempt ${task.attempts} ${RELEASED_NOTE}` });
      throw new WaitingError(RELEASED);
    }
    const message = describe(err, signal, timeoutMs);
    const permanent =
      err instanceof PermanentTaskError ||
      err instanceof ZodError ||
      err instanceof BudgetExceeded ||
      err instanceof LlmOutputError ||
      !runtime;
    const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) {
      ctx.log('ERROR', `failed: ${message}`);
      const failed = await settleAs({ status: 'FAILED', error: message });
      if (failed?.parentId) await failParent(deps, failed);
      throw new UnrecoverableError(message);
    }
    ctx.log('WARN', `attempt ${task.attempts} failed, retrying: ${message}`);
    await settleAs({ status: 'QUEUED', error: message });
    throw err instanceof Error ? err : new Error(message);
  } finally {
    clearTimeout(timer);
    clearTimeout(mark);
  }
}

/** BullMQ fails a pipeline's parent when a child fails for good; the parent's row must say so too. */
async function failParent(deps: ProcessorDeps, child: TaskSnapshot) {
  const parents = await deps.journal.failOpen(
    [child.parentId!],
    `child task ${child.id} (${child.type}) failed: ${child.error}`,
  );
  for (const parent of parents) await deps.events.settled(parent);
}

async function childResults(sql: Sql, parentId: string): Promise<ChildResult[]> {
  const rows = await sql.query<{ id: string; agent: string; task_type: string; result: unknown }>(
    `select id, agent, task_type, result from task_queue where parent_id = $1 and status = 'SUCCEEDED' order by created_at, id`,
    [parentId],
  );
  return rows.map((r) => ({ taskId: r.id, agent: r.agent, type: r.task_type, result: r.result }));
}
