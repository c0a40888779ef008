import type { Logger, Sql } from '@trae/kit';
import type { TaskEvents } from '../engine/events.js';
import type { TaskQueues } from '../engine/queues.js';
import { type TaskRow, toSnapshot } from '../engine/task-row.js';

/** One row for the platform's backup schedule, whatever the number of workers that start at once. */
export const BACKUP_SCHEDULE_TASK_ID = '00000000-0000-4000-8000-00000000b4c0';
/** What each scheduled run does: back up, prove it restorable, then apply the retention. */
const SCHEDULED_RUN = { verify: true, prune: true };
/** A run that failed (the database restarting at 02:00) is tried once more before it counts as failed. */
const ATTEMPTS = 2;

/**
 * Makes the `backup` schedule task follow BACKUP_SCHEDULE: a system task (no creator, so ADMINs see it)
 * whose BullMQ job scheduler fires once per cron tick across all workers, each firing a task of its own
 * with progress and history. Empty cancels it. Every worker calls this at start; the upsert on a fixed id
 * and BullMQ's upsertJobScheduler make that safe.
 */
export async function applyBackupSchedule(
  cron: string,
  deps: { sql: Sql; queues: TaskQueues; events: TaskEvents; logger: Logger },
): Promise<void> {
  if (!cron) {
    await deps.queues.unschedule({ id: BACKUP_SCHEDULE_TASK_ID, agent: 'system' });
    const rows = await deps.sql.query<TaskRow>(
      `update task_queue set status = 'CANCELLED', completed_at = now(), updated_at = now(),
              error_message = 'BACKUP_SCHEDULE is empty'
        where id = $1 and status = 'PENDING' returning *`,
      [BACKUP_SCHEDULE_TASK_ID],
    );
    for (const row of rows) await deps.events.published(toSnapshot(row));
    if (rows.length) deps.logger.info('backup schedule off (BACKUP_SCHEDULE is empty)');
    return;
  }
  const [row] = await deps.sql.query<TaskRow>(
    `insert into task_queue (id, task_type, agent, status, priority, task_data, max_attempts, schedule)
     values ($1, 'backup', 'system', 'PENDING', 50, $2, $3, $4)
     on conflict (id) do update set schedule = excluded.schedule, task_data = excluded.task_data,
            max_attempts = excluded.max_attempts, status = 'PENDING', error_message = null,
            completed_at = null, updated_at = now()
     returning *`,
    [BACKUP_SCHEDULE_TASK_ID, JSON.stringify(SCHEDULED_RUN), ATTEMPTS, cron],
  );
  const task = toSnapshot(row);
  await deps.queues.enqueue([{ task }]);
  await deps.events.published(task);
  deps.logger.info({ schedule: cron }, 'backup schedule on');
}
