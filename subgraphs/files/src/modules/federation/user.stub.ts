import { type EntityKey, entityStub } from '@trae/kit';

/** identity's `User`, as far as files knows it: the key, plus the fields files adds (`files`, `avatarUrl`). */
export const UserRef = entityStub('User');
export type UserRef = EntityKey;
