import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../event/outbox.js';
import type { Channel } from './channel.entity.js';
import type { ChannelPlatform } from './channel.enums.js';
import type { ChannelSettings } from './channel-settings.js';

export const CHANNEL_STREAM = 'events:channels';
export const SCHEDULE_UPDATED = 'channel.schedule.updated';

/** What the tasks service needs to keep one repeatable content task per channel (see the agreements). */
export interface ScheduleUpdated {
  channelId: string;
  ownerId: string;
  name: string;
  platform: ChannelPlatform;
  /** Null when there is none, or the channel is paused or archived: the task is removed. */
  schedule: string | null;
  settings: ChannelSettings;
}

export function schedulePayload(channel: Channel): ScheduleUpdated {
  return {
    channelId: channel.id,
    ownerId: channel.ownerId,
    name: channel.name,
    platform: channel.platform,
    schedule: channel.status === 'ACTIVE' ? (channel.settings.postingSchedule ?? null) : null,
    settings: { ...channel.settings },
  };
}

/**
 * Queues `channel.schedule.updated` when a change matters to the scheduled task: the schedule came,
 * went or changed, or something the task is built from did while a schedule is on.
 */
export function queueScheduleChange(
  em: EntityManager,
  before: ScheduleUpdated | null,
  channel: Channel,
): void {
  const after = schedulePayload(channel);
  if (!before?.schedule && !after.schedule) return;
  if (before && JSON.stringify(before) === JSON.stringify(after)) return;
  enqueue(em, CHANNEL_STREAM, SCHEDULE_UPDATED, after);
}
