import { type BaseContext, byIdLoader, byKeyLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { Channel } from './modules/channel/channel.entity.js';
import type { ChannelService } from './modules/channel/channel.service.js';
import type { ContentService } from './modules/content/content.service.js';
import type { ChannelRole } from './modules/member/member.enums.js';
import type { MemberService } from './modules/member/member.service.js';

export interface ChannelsServices {
  channels: ChannelService;
  members: MemberService;
  content: ContentService;
}

export interface ChannelsContext extends BaseContext {
  services: ChannelsServices;
  loaders: {
    /** Channels the caller may see (null otherwise), batched: lists and `_entities` cost one query. */
    channel: DataLoader<string, Channel | null>;
    /** The caller's role per channel. */
    role: DataLoader<string, ChannelRole | null>;
  };
}

export function channelsContext(services: ChannelsServices) {
  return (base: BaseContext): ChannelsContext => ({
    ...base,
    services,
    loaders: {
      channel: byIdLoader((ids) => services.channels.visible(base.user, ids)),
      role: byKeyLoader(async (ids: readonly string[]) =>
        base.user.id ? services.members.rolesOf(base.user.id, ids) : new Map<string, ChannelRole>(),
      ),
    },
  });
}
