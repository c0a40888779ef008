import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys belong to their creator: one user's key can no longer squat or probe another's.
 * `nulls not distinct` keeps tasks no user created (system work) unique by key among themselves.
 */
export class IdempotencyPerCreator20261202 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create unique index task_queue_creator_idempotency_key on task_queue (created_by, idempotency_key)
        nulls not distinct where idempotency_key is not null;
      drop index task_queue_idempotency_key;
    `);
  }
}
