import { Batcher, DEFAULT_STREAM_MAXLEN } from '@trae/kit';
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

/** One event to send: a change for pub/sub (`u`, with the task id) or an outcome for the stream (`f`, with its type). */
type Outgoing = [kind: 'u' | 'f', idOrType: string, payload: string];

/**
 * Sends a batch in one round trip and one script run instead of three commands per task: each change is
 * published on `task.updated` and `task.updated:<id>`, each outcome appended (capped) to the stream.
 * The same fields as the kit's `appendEvent`, so stream consumers cannot tell the difference.
 */
const SEND = `
local topic, maxlen = ARGV[1], ARGV[2]
for i = 3, #ARGV, 3 do
  if ARGV[i] == 'u' then
    redis.call('PUBLISH', topic, ARGV[i + 2])
    redis.call('PUBLISH', topic .. ':' .. ARGV[i + 1], ARGV[i + 2])
  else
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', maxlen, '*', 'type', ARGV[i + 1], 'payload', ARGV[i + 2])
  end
end
return 0`;

type SendingRedis = Redis & { sendTaskEvents(stream: string, ...args: string[]): Promise<number> };

/**
 * Tells the rest of the platform about task changes: every change goes to `task.updated` and to
 * `task.updated:<id>` (what `taskUpdated(id)` subscribes to), and each success or failure is appended
 * durably to `events:tasks` for consumers that must not miss one (channels stores content drafts).
 * Events made close together leave together, in the order they were made.
 */
export class TaskEvents {
  private readonly redis: SendingRedis;
  private readonly outbox: Batcher<Outgoing, void>;

  /** @param publisher an unprefixed connection (channel and stream names carry the prefix themselves) */
  constructor(
    publisher: Redis,
    private readonly prefix: string,
  ) {
    if (!('sendTaskEvents' in publisher))
      publisher.defineCommand('sendTaskEvents', { numberOfKeys: 1, lua: SEND });
    this.redis = publisher as SendingRedis;
    this.outbox = new Batcher<Outgoing, void>(async (batch) => {
      await this.redis.sendTaskEvents(
        `${this.prefix}${TASKS_STREAM}`,
        `${this.prefix}${TASK_UPDATED}`,
        String(DEFAULT_STREAM_MAXLEN),
        ...batch.flat(),
      );
      return batch.map(() => undefined);
    }, 1_000);
  }

  /** Serialised once for both channels; graphql-redis-subscriptions subscribers parse plain JSON. */
  published(task: TaskSnapshot): Promise<void> {
    return this.outbox.push(['u', task.id, JSON.stringify(publicSnapshot(task))]);
  }

  finished(task: TaskSnapshot): Promise<void> {
    if (task.status !== 'SUCCEEDED' && task.status !== 'FAILED') return Promise.resolve();
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
    const type = task.status === 'SUCCEEDED' ? 'task.completed' : 'task.failed';
    return this.outbox.push(['f', type, JSON.stringify(event)]);
  }

  /** A task settled (or was failed for its worker): its change, and its outcome when it is final. */
  settled(task: TaskSnapshot): Promise<void> {
    return Promise.all([this.published(task), this.finished(task)]).then(() => undefined);
  }

  /** Resolves once every event made so far has been sent. */
  drain(): Promise<void> {
    return this.outbox.drain();
  }
}
