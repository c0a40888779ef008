import { randomUUID } from 'node:crypto';
import { isUuid, type Logger, type ServiceEvent } from '@trae/kit';
import type { TaskService } from '../task/task.service.js';
import type { TaskStore } from '../task/task.store.js';
import type { SyncMarks } from './sync-marks.js';

/** Where identity announces user changes, and the type it uses (agreed between the services). */
export const IDENTITY_STREAM = 'events:identity';
export const USER_CHANGED = 'user.changed';
export const SYNC_TYPE = 'base44_sync_user';

/** Waiting to start: a holder in these states will read the profile after the change, so it covers it. */
const NOT_STARTED = new Set(['PENDING', 'QUEUED']);

/**
 * Turns identity's `user.changed` events into `base44_sync_user` tasks of the platform (no creator), one
 * pending per user however many changes arrive. The queue retries a failed sync; the task carries
 * nothing but the user's id, so it acts for that user only and reads the profile when it runs.
 */
export class UserSyncs {
  constructor(
    private readonly store: TaskStore,
    private readonly tasks: TaskService,
    private readonly marks: SyncMarks,
    private readonly logger: Logger,
    private readonly maxAttempts: number,
  ) {}

  async handle(event: ServiceEvent): Promise<void> {
    if (event.type !== USER_CHANGED) return;
    const userId = (event.payload as { userId?: unknown } | null)?.userId;
    if (!isUuid(userId)) {
      this.logger.warn({ eventId: event.id }, 'user change event without a valid user id; dropped');
      return;
    }
    const id = randomUUID();
    if (!(await this.marks.take(userId, id))) {
      const holder = await this.marks.holder(userId);
      const task = holder && isUuid(holder) ? await this.store.byId(holder) : null;
      if (task && NOT_STARTED.has(task.status)) return;
      // The holder was cancelled, or its insert never happened (this handler failed after the mark).
      await this.marks.replace(userId, id);
    }
    const [task] = await this.store.insert([
      {
        id,
        type: SYNC_TYPE,
        agent: 'system',
        status: 'QUEUED',
        priority: 10,
        input: { userId },
        maxAttempts: this.maxAttempts,
        idempotencyKey: null,
        runAt: null,
        schedule: null,
        parentId: null,
        channelId: null,
        createdBy: null,
        createdByRole: null,
      },
    ]);
    await this.tasks.dispatch([{ task }]);
  }
}
