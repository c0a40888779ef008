import { type EntityKey, entityStub } from '@trae/kit';

/** channels' `Channel`, as far as files knows it: the key, plus `files`. */
export const ChannelRef = entityStub('Channel');
export type ChannelRef = EntityKey;
