import { type Logger, type Redis, type ServiceEvent, startConsumer, z } from '@trae/kit';
import type { ContentService } from '../content/content.service.js';

export const TASK_STREAM = 'events:tasks';
export const CONSUMER_GROUP = 'channels';

/** `task.completed` as the tasks service appends it (see the cross-service agreements). */
const taskCompleted = z.object({
  taskId: z.union([z.string().min(1).max(64), z.number()]).transform(String),
  agent: z.string(),
  type: z.string(),
  channelId: z.string().nullable(),
  result: z.unknown(),
});

/**
 * Handles one task event. Only successful `content` tasks aimed at a channel matter; the rest, and
 * malformed entries, are acknowledged and skipped so they cannot block the stream.
 */
export function taskEventHandler(content: ContentService, logger: Logger) {
  return async (event: ServiceEvent): Promise<void> => {
    if (event.type !== 'task.completed') return;
    const parsed = taskCompleted.safeParse(event.payload);
    if (!parsed.success) {
      logger.warn({ eventId: event.id, issues: parsed.error.issues }, 'malformed task.completed skipped');
      return;
    }
    const task = parsed.data;
    if (task.agent !== 'content' || !task.channelId) return;
    const stored = await content.createFromTask({ ...task, channelId: task.channelId });
    logger.info(
      { eventId: event.id, taskId: task.taskId, channelId: task.channelId, stored },
      'content task result',
    );
  };
}

export interface TaskEventsOptions {
  /** A connection of its own: the consumer blocks on it. */
  redis: Redis;
  consumer: string;
  content: ContentService;
  logger: Logger;
  blockMs?: number;
}

export function startTaskEvents(options: TaskEventsOptions) {
  return startConsumer({
    redis: options.redis,
    stream: TASK_STREAM,
    group: CONSUMER_GROUP,
    consumer: options.consumer,
    logger: options.logger,
    blockMs: options.blockMs,
    handle: taskEventHandler(options.content, options.logger),
  });
}
