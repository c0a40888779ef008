import { type Logger, type Redis, type ServiceEvent, startConsumer, z } from '@trae/kit';
import { type DeliveryJob, messageIdOf } from './delivery.js';
import { OUTBOUND_EVENT_TYPES } from './webhook-endpoint.enums.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';

export const TASK_STREAM = 'events:tasks';
export const CONSUMER_GROUP = 'webhooks';

/** `task.completed` / `task.failed` as the tasks service appends them: whose task it was matters here. */
const taskFinished = z.looseObject({ createdBy: z.string().nullable(), completedAt: z.string().optional() });

/**
 * Each finished task becomes one delivery job per subscribed endpoint of its creator. A redelivered
 * stream entry makes the same job ids, so BullMQ keeps one job per (event, endpoint).
 */
export function taskEventHandler(
  endpoints: WebhookEndpointService,
  enqueue: (job: DeliveryJob) => Promise<void>,
  logger: Logger,
) {
  return async (event: ServiceEvent): Promise<void> => {
    if (!(OUTBOUND_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    const parsed = taskFinished.safeParse(event.payload);
    if (!parsed.success || !parsed.data.createdBy) {
      if (!parsed.success) logger.warn({ eventId: event.id }, 'malformed task event skipped');
      return;
    }
    const at = parsed.data.completedAt ?? new Date().toISOString();
    for (const endpoint of await endpoints.subscribed(parsed.data.createdBy, event.type)) {
      await enqueue({
        endpointId: endpoint.id,
        messageId: messageIdOf(event.id, endpoint.id),
        type: event.type,
        at,
        data: event.payload,
      });
    }
  };
}

export interface TaskEventsOptions {
  /** A connection of its own: the consumer blocks on it. */
  redis: Redis;
  consumer: string;
  endpoints: WebhookEndpointService;
  enqueue: (job: DeliveryJob) => Promise<void>;
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
    handle: taskEventHandler(options.endpoints, options.enqueue, options.logger),
  });
}
