import { randomUUID } from 'node:crypto';
import { isUuid, type Logger, type ServiceEvent } from '@trae/kit';
import { CronExpressionParser } from 'cron-parser';
import type { TaskEvents } from '../engine/events.js';
import type { TaskQueues } from '../engine/queues.js';
import { socialInput } from '../runtime/content/content.schema.js';
import { toPlatform } from '../runtime/content/platforms.js';
import type { TaskService } from '../task/task.service.js';
import type { TaskStore } from '../task/task.store.js';

/** The payload channels appends to `events:channels` (agreed between the services). */
export interface ChannelScheduleUpdated {
  channelId: string;
  ownerId: string;
  name: string;
  platform: string;
  /** Cron; null when the schedule was removed or the channel paused or archived. */
  schedule: string | null;
  settings: Record<string, unknown> | null;
}

export const CHANNELS_STREAM = 'events:channels';

/**
 * Keeps one repeatable `social_media_posts` task per scheduled channel, following the channel's
 * schedule events. Idempotent (keyed `channel-schedule:<channelId>`), since stream entries can be
 * delivered twice. An event that can never apply (bad cron) is logged and dropped, not retried forever.
 */
export class ChannelSchedules {
  constructor(
    private readonly store: TaskStore,
    private readonly tasks: TaskService,
    private readonly queues: TaskQueues,
    private readonly events: TaskEvents,
    private readonly logger: Logger,
    private readonly defaultMaxAttempts: number,
  ) {}

  async handle(event: ServiceEvent): Promise<void> {
    if (event.type !== 'channel.schedule.updated') return;
    const p = event.payload as ChannelScheduleUpdated;
    if (!isUuid(p?.channelId) || !isUuid(p?.ownerId)) {
      this.logger.warn({ eventId: event.id }, 'channel schedule event without valid ids; dropped');
      return;
    }
    const key = `channel-schedule:${p.channelId}`;
    const existing = await this.store.bySystemKey(key);
    if (!p.schedule) {
      if (!existing) return;
      await this.queues.unschedule(existing);
      for (const task of await this.store.cancel([existing.id])) await this.events.published(task);
      return;
    }
    try {
      CronExpressionParser.parse(p.schedule);
    } catch (err) {
      this.logger.warn(
        { channelId: p.channelId, schedule: p.schedule, err: (err as Error).message },
        'channel schedule is not a valid cron; dropped',
      );
      return;
    }
    const input = this.input(p);
    const task = existing
      ? await this.store.reschedule(existing.id, p.schedule, input, p.ownerId)
      : (
          await this.store.insert([
            {
              id: randomUUID(),
              type: 'social_media_posts',
              agent: 'content',
              status: 'PENDING',
              priority: 0,
              input,
              maxAttempts: this.defaultMaxAttempts,
              idempotencyKey: key,
              runAt: null,
              schedule: p.schedule,
              parentId: null,
              channelId: p.channelId,
              createdBy: p.ownerId,
              createdByRole: 'USER',
            },
          ])
        )[0];
    // A concurrent delivery of the same event inserted it first; that one enqueues it.
    if (task) await this.tasks.dispatch([{ task }]);
  }

  /** Channel settings (tone, audience, hashtags) steer the posts; the channel's name is the topic unless set. */
  private input(p: ChannelScheduleUpdated): Record<string, unknown> {
    const s = p.settings ?? {};
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
    const keywords = [...list(s.keywords), ...list(s.hashtags).map((h) => h.replace(/^#/, ''))];
    const wanted = {
      topic: text(s.topic) ?? p.name,
      platform: toPlatform(p.platform),
      channelName: p.name,
      tone: text(s.tone),
      audience: text(s.audience),
      ...(keywords.length ? { keywords } : {}),
      count: typeof s.postsPerRun === 'number' ? s.postsPerRun : 1,
    };
    const parsed = socialInput.safeParse(wanted);
    // Settings are the owner's free-form JSON; when they do not fit the schema, the channel's name still does.
    return parsed.success
      ? parsed.data
      : socialInput.parse({
          topic: p.name.slice(0, 500),
          platform: toPlatform(p.platform),
          channelName: p.name.slice(0, 200),
        });
  }
}
