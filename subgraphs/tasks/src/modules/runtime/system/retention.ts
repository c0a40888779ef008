import type { z } from 'zod';
import type { AgentContext } from '../agent.js';
import type { SystemDeps } from './system.deps.js';
import type { retentionInput } from './system.schema.js';

const FINISHED = `status in ('SUCCEEDED', 'FAILED', 'CANCELLED')`;

/**
 * Deletes what retention no longer keeps: log lines older than the log retention, then finished tasks
 * older than the task retention (their logs and finished children go with them). A dry run counts only.
 */
export async function resourceManagement(
  input: z.infer<typeof retentionInput>,
  deps: SystemDeps,
  ctx: AgentContext,
) {
  const taskDays = input.taskRetentionDays ?? deps.retention.taskDays;
  const logDays = input.logRetentionDays ?? deps.retention.logDays;
  const count = async (sql: string, params: unknown[]) => (await deps.sql<{ n: number }>(sql, params))[0].n;

  const logsWhere = `created_at < now() - make_interval(days => $1)`;
  const tasksWhere = `${FINISHED} and completed_at < now() - make_interval(days => $1)`;
  const logs = input.dryRun
    ? await count(`select count(*)::int as n from task_logs where ${logsWhere}`, [logDays])
    : await count(
        `with d as (delete from task_logs where ${logsWhere} returning 1) select count(*)::int as n from d`,
        [logDays],
      );
  ctx.progress(40, `${input.dryRun ? 'would free' : 'freed'} ${logs} log lines`);
  const tasks = input.dryRun
    ? await count(`select count(*)::int as n from task_queue where ${tasksWhere}`, [taskDays])
    : await count(
        `with d as (delete from task_queue where ${tasksWhere} returning 1) select count(*)::int as n from d`,
        [taskDays],
      );
  ctx.progress(80, `${input.dryRun ? 'would free' : 'freed'} ${tasks} tasks`);
  const queueJobs = input.dryRun ? 0 : await deps.cleanQueues(taskDays * 86_400_000);
  ctx.log(
    'INFO',
    `retention ${input.dryRun ? '(dry run) ' : ''}freed ${tasks} tasks, ${logs} log lines, ${queueJobs} queue jobs`,
  );
  return {
    dryRun: input.dryRun,
    taskRetentionDays: taskDays,
    logRetentionDays: logDays,
    freed: { tasks, logLines: logs, queueJobs },
  };
}
