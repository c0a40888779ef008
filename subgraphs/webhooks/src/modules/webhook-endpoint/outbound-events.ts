import { type Logger, type Redis, type ServiceEvent, startConsumer, z } from '@trae/kit';
import { type DeliveryJob, messageIdOf } from './delivery.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';

export const CONSUMER_GROUP = 'webhooks';

/**
 * Whose event it is: one user's (their endpoints get it), or the platform's (every ADMIN's endpoints);
 * a channel's event also goes to that channel's endpoints.
 */
export interface Audience {
  ownerId?: string | null;
  channelId?: string | null;
  admins?: boolean;
  /** When it happened (ISO), the body's `timestamp`; now when the producer gave none. */
  at?: string | null;
}

/** A stream another service appends to, the event types of it endpoints may get, and how to read whose they are. */
export interface OutboundStream {
  stream: string;
  types: readonly string[];
  audience: z.ZodType<Audience>;
  /** Platform-wide events: only ADMIN endpoints may subscribe to them. */
  adminOnly?: boolean;
  /** Events that may be a channel's (the audience names it): a channel's endpoints may subscribe to them. */
  inChannels?: boolean;
}

const when = z.string().nullish();

/**
 * Every stream outbound webhooks come from, with the payload fields this service relies on (the rest is
 * passed on as it is, as the body's `data`). Each producer's own types describe the whole payload.
 */
export const OUTBOUND_STREAMS = [
  {
    stream: 'events:tasks',
    types: ['task.completed', 'task.failed'],
    audience: z
      .looseObject({ createdBy: z.string().nullable(), completedAt: when })
      .transform((p) => ({ ownerId: p.createdBy, at: p.completedAt })),
  },
  {
    // channels' `content.published` (its outbox): the channel owner's event, and the channel's.
    stream: 'events:channels',
    types: ['content.published'],
    inChannels: true,
    audience: z
      .looseObject({ ownerId: z.string(), channelId: z.string(), publishedAt: when })
      .transform((p) => ({ ownerId: p.ownerId, channelId: p.channelId, at: p.publishedAt })),
  },
  {
    stream: 'events:files',
    types: ['file.ready'],
    inChannels: true,
    audience: z
      .looseObject({ ownerId: z.string(), channelId: z.string().nullish(), readyAt: when })
      .transform((p) => ({ ownerId: p.ownerId, channelId: p.channelId, at: p.readyAt })),
  },
  {
    // observability's alert state changes: platform-wide, so for ADMIN endpoints only.
    stream: 'events:alerts',
    types: ['alert.firing', 'alert.resolved'],
    adminOnly: true,
    audience: z
      .looseObject({ ruleId: z.string(), startedAt: when, resolvedAt: when })
      .transform((p) => ({ admins: true, at: p.resolvedAt ?? p.startedAt })),
  },
] as const satisfies readonly OutboundStream[];

export interface OutboundEventDeps {
  endpoints: WebhookEndpointService;
  enqueue: (jobs: DeliveryJob[]) => Promise<void>;
  logger: Logger;
}

/**
 * Each event of a stream becomes one delivery job per subscribed endpoint of its audience, a whole read
 * of the stream at once: one query for the endpoints, one `addBulk` for the jobs. The message id hashes
 * the stream with the entry id (entry ids are only unique within a stream), so a redelivered entry makes
 * the same job ids and BullMQ keeps one job per (event, endpoint).
 */
export function outboundEventHandler(source: OutboundStream, deps: OutboundEventDeps) {
  const handleBatch = async (events: ServiceEvent[]): Promise<void> => {
    const wanted: { event: ServiceEvent; audience: Audience; type: string }[] = [];
    for (const event of events) {
      if (!source.types.includes(event.type)) continue;
      const parsed = source.audience.safeParse(event.payload);
      if (parsed.success) wanted.push({ event, audience: parsed.data, type: event.type });
      else deps.logger.warn({ stream: source.stream, eventId: event.id }, 'malformed event skipped');
    }
    if (!wanted.length) return;
    const targets = await deps.endpoints.audiences(wanted);
    const jobs = wanted.flatMap(({ event, audience }, i) => {
      const at = audience.at ?? new Date().toISOString();
      return targets[i].map((endpoint) => ({
        endpointId: endpoint.id,
        messageId: messageIdOf(`${source.stream}/${event.id}`, endpoint.id),
        type: event.type,
        at,
        data: event.payload,
      }));
    });
    if (jobs.length) await deps.enqueue(jobs);
  };
  return { handleBatch, handle: (event: ServiceEvent) => handleBatch([event]) };
}

export interface OutboundEventsOptions extends OutboundEventDeps {
  /** A new connection per stream: each consumer blocks on its own. */
  connect: (stream: string) => Redis;
  consumer: string;
  streams?: readonly OutboundStream[];
  blockMs?: number;
}

/** One consumer (group `webhooks`) per stream, all with the same handler; `stop` ends every one. */
export function startOutboundEvents(options: OutboundEventsOptions): { stop(): Promise<void> } {
  const consumers = (options.streams ?? OUTBOUND_STREAMS).map((source) =>
    startConsumer({
      redis: options.connect(source.stream),
      stream: source.stream,
      group: CONSUMER_GROUP,
      consumer: options.consumer,
      logger: options.logger,
      blockMs: options.blockMs,
      ...outboundEventHandler(source, options),
    }),
  );
  return {
    async stop() {
      await Promise.all(consumers.map((c) => c.stop()));
    },
  };
}
