import { type EntityKey, entityStub } from '@trae/kit';

/** identity owns `User`; this subgraph only knows its id and adds `tasks`. */
export const UserRef = entityStub('User');
export type UserRef = EntityKey;
