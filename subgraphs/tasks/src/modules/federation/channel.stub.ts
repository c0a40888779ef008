import { type EntityKey, entityStub } from '@trae/kit';

/** channels owns `Channel`; this subgraph only knows its id and adds `tasks`. */
export const ChannelRef = entityStub('Channel');
export type ChannelRef = EntityKey;
