import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel } from '../channel/channel.entity.js';
import { CHANNEL_STREAM } from '../channel/schedule-event.js';
import { enqueue } from '../event/outbox.js';
import type { ContentItem } from './content-item.entity.js';

export const CONTENT_PUBLISHED = 'content.published';

/** What `content.published` carries on `events:channels`: the webhooks service sends it to the channel owner's endpoints. */
export interface ContentPublished {
  contentItemId: string;
  channelId: string;
  /** The channel's owner: whose event it is. */
  ownerId: string;
  publishedBy: string;
  title: string;
  kind: string;
  publishedAt: string;
}

/** Queued in the publishing transaction, so the event goes out exactly when the item is published. */
export function queueContentPublished(
  em: EntityManager,
  item: ContentItem,
  channel: Channel,
  by: string,
): void {
  const event: ContentPublished = {
    contentItemId: item.id,
    channelId: channel.id,
    ownerId: channel.ownerId,
    publishedBy: by,
    title: item.title,
    kind: item.kind,
    publishedAt: (item.publishedAt ?? new Date()).toISOString(),
  };
  enqueue(em, CHANNEL_STREAM, CONTENT_PUBLISHED, event);
}
