import { CHANNEL_ROLES } from '@trae/kit';
import { registerEnumType } from 'type-graphql';

// The list is the kit's, where files and tasks read our internal membership answer with it.
export { CHANNEL_ROLES };
export type ChannelRole = (typeof CHANNEL_ROLES)[number];
export const ChannelRole = Object.fromEntries(CHANNEL_ROLES.map((r) => [r, r])) as {
  [K in ChannelRole]: K;
};

registerEnumType(ChannelRole, {
  name: 'ChannelRole',
  description: 'VIEWER reads; EDITOR also writes content; OWNER also manages members and settings.',
});

const RANK: Record<ChannelRole, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

export const atLeast = (role: ChannelRole | null, min: ChannelRole) =>
  role !== null && RANK[role] >= RANK[min];
