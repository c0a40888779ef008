import { CHANNEL_STATUSES } from '@trae/kit';
import { registerEnumType } from 'type-graphql';

const values = <const T extends readonly string[]>(list: T) =>
  Object.fromEntries(list.map((v) => [v, v])) as { [K in T[number]]: K };

export const PLATFORMS = [
  'YOUTUBE',
  'BLOG',
  'NEWSLETTER',
  'X',
  'LINKEDIN',
  'INSTAGRAM',
  'TIKTOK',
  'PODCAST',
  'OTHER',
] as const;
export const ChannelPlatform = values(PLATFORMS);
export type ChannelPlatform = (typeof PLATFORMS)[number];

// The list is the kit's, where files and tasks read our internal membership answer with it.
export { CHANNEL_STATUSES };
export const ChannelStatus = values(CHANNEL_STATUSES);
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

registerEnumType(ChannelPlatform, { name: 'ChannelPlatform', description: 'Where a channel publishes.' });
registerEnumType(ChannelStatus, {
  name: 'ChannelStatus',
  description: 'PAUSED stops the posting schedule; ARCHIVED also makes the channel read-only (reversible).',
});
