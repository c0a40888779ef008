import { z } from 'zod';
import { InternalClient } from './internal-client.js';

/*
 * The `/internal/*` answers more than one service reads, defined once: the service that owns a route
 * answers with these types and its callers check its answers with these schemas.
 */

/** VIEWER reads; EDITOR also writes content; OWNER also manages members and settings. */
export const CHANNEL_ROLES = ['OWNER', 'EDITOR', 'VIEWER'] as const;
export type ChannelRole = (typeof CHANNEL_ROLES)[number];
export const CHANNEL_STATUSES = ['ACTIVE', 'PAUSED', 'ARCHIVED'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** Channels' `/internal/channels/:id/members/:userId`: the member's role and the channel's status. */
export const membershipBody = z.object({ role: z.enum(CHANNEL_ROLES), status: z.enum(CHANNEL_STATUSES) });
export type Membership = z.infer<typeof membershipBody>;

/** Asks the channels service (which owns memberships) what a user may do in a channel. */
export class ChannelsClient {
  private readonly client: InternalClient;

  constructor(channelsUrl: string, secret: string, timeoutMs?: number) {
    this.client = new InternalClient({ service: 'channels', baseUrl: channelsUrl, secret, timeoutMs });
  }

  /** The user's membership, or null when the channel or the user does not exist or they are not a member. */
  membership(channelId: string, userId: string, requestId?: string): Promise<Membership | null> {
    const path = `/internal/channels/${encodeURIComponent(channelId)}/members/${encodeURIComponent(userId)}`;
    return this.client.find(path, membershipBody, { requestId });
  }
}

/** A count as the tasks service reports it; anything but a number reads as 0, so a probe never fails on one. */
const count = z
  .number()
  .catch(0)
  .transform((n) => Math.max(0, Math.round(n)));
const queue = z
  .object({
    waiting: count,
    active: count,
    delayed: count,
    failed: count,
    /** Seconds the oldest due task has waited for a worker (0 when none waits). */
    oldestWaitingSeconds: count,
  })
  .catch({ waiting: 0, active: 0, delayed: 0, failed: 0, oldestWaitingSeconds: 0 });

/** Tasks' `/internal/agents/health`: its workers and queues, read by the gateway's /health and observability. */
export const agentsHealthBody = z.object({
  status: z.enum(['up', 'degraded', 'down']).catch('down'),
  reason: z.string().optional().catch(undefined),
  workers: count,
  queues: z.record(z.string(), queue).catch({}),
});
export type AgentsHealth = z.infer<typeof agentsHealthBody>;

/** Tasks' `POST /internal/tasks` answer: the task created (or the first one for a repeated idempotency key). */
export const createdTaskBody = z.object({ id: z.string(), status: z.string() });
export type CreatedTask = z.infer<typeof createdTaskBody>;

/** What `POST /internal/tasks` creates: `createTask`'s input, less scheduling. */
export interface InternalTaskRequest {
  agent: string;
  type: string;
  input?: Record<string, unknown> | null;
  idempotencyKey?: string | null;
}

/** Asks the tasks service (which sees the workers' heartbeats) how its agents are, and creates tasks. */
export class TasksClient {
  private readonly client: InternalClient;

  constructor(tasksUrl: string, secret: string, timeoutMs?: number) {
    this.client = new InternalClient({ service: 'tasks', baseUrl: tasksUrl, secret, timeoutMs });
  }

  agentsHealth(): Promise<AgentsHealth> {
    return this.client.json('/internal/agents/health', agentsHealthBody);
  }

  /** A task created as `userId`, authorized as that user is now; their refusals keep their codes. */
  createTask(userId: string, task: InternalTaskRequest, requestId?: string): Promise<CreatedTask> {
    return this.client.json('/internal/tasks', createdTaskBody, { body: { userId, task }, requestId });
  }
}
