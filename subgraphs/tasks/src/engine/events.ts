import { appendEvent } from '@trae/kit';
import type { Redis } from 'ioredis';
import { publicSnapshot, type TaskSnapshot } from './task-row.js';

export const TASK_UPDATED = 'task.updated';
export const TASKS_STREAM = 'events:tasks';
/** Pub/sub channel (under REDIS_PREFIX) on which the API tells workers to abort running tasks. */
export const CANCEL_CHANNEL = 'tasks.cancel';
/** Pub/sub channel telling workers the set of agents (or their status) changed. */
export const AGENTS_CHANNEL = 'tasks.agents';

/** The payload agreed with the channels service for `task.completed` / `task.failed`. */
export interface TaskFinishedEvent {
  taskId: string;
  agent: string;
  type: string;
  status: string;
  channelId: string | null;
  createdBy: string | null;
  result: unknown;
  error: string | null;
  completedAt: string;
}

/**
 * Tells the rest of the platform about task changes: every change goes to `task.updated` and to
 * `task.updated:<id>` (what `taskUpdated(id)` subscribes to), and each success or failure is appended
 * durably to `events:tasks` for consumers that must not miss one (channels stores content drafts).
 */
export class TaskEvents {
  /**
   * @param publisher unprefixed connection for pub/sub (channel names carry the prefix themselves)
   * @param redis prefixed connection for the durable stream
   */
  constructor(
    private readonly publisher: Redis,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Serialised once for both channels; graphql-redis-subscriptions subscribers parse plain JSON. */
  published(task: TaskSnapshot): Promise<void> {
    const payload = JSON.stringify(publicSnapshot(task));
    const topic = `${this.prefix}${TASK_UPDATED}`;
    return Promise.all([
      this.publisher.publish(topic, payload),
      this.publisher.publish(`${topic}:${task.id}`, payload),
    ]).then(() => undefined);
  }

  async finished(task: TaskSnapshot): Promise<void> {
    if (task.status !== 'SUCCEEDED' && task.status !== 'FAILED') return;
    const event: TaskFinishedEvent = {
      taskId: task.id,
      agent: task.agent,
      type: task.type,
      status: task.status,
      channelId: task.channelId,
      createdBy: task.createdBy,
      result: task.result ?? null,
      error: task.error,
      completedAt: (task.completedAt ?? new Date()).toISOString(),
    };
    await appendEvent(
      this.redis,
      TASKS_STREAM,
      task.status === 'SUCCEEDED' ? 'task.completed' : 'task.failed',
      event,
    );
  }
}
