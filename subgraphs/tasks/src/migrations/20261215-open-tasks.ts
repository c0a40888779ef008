import { Migration } from '@mikro-orm/migrations';

/**
 * The reconciler walks open tasks by id, a batch per pass, to find those whose BullMQ job was lost
 * (Redis rolled back). Only open rows are in this index, so a pass reads its batch and nothing else.
 */
export class OpenTasks20261215 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index task_queue_open_idx on task_queue (id) where status in ('PENDING', 'QUEUED', 'RUNNING');`,
    );
  }
}
