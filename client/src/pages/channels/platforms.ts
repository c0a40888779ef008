import type { ChannelPlatform } from '../../gql/graphql';

export const PLATFORMS: readonly ChannelPlatform[] = [
  'YOUTUBE',
  'BLOG',
  'NEWSLETTER',
  'X',
  'LINKEDIN',
  'INSTAGRAM',
  'TIKTOK',
  'PODCAST',
  'OTHER',
];
