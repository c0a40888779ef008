import { type EntityKey, entityStub } from '@trae/kit';

/** identity's `User`: channels only knows its id, and adds `User.channels`. */
export const UserRef = entityStub('User');
export type UserRef = EntityKey;

export const userRef = (id: string | null): UserRef | null => (id ? { id } : null);
