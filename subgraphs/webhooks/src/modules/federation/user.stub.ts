import { type EntityKey, entityStub } from '@trae/kit';

/** identity's `User`, as far as webhooks knows it: the key, plus `User.webhookSources`. */
export const UserRef = entityStub('User');
export type UserRef = EntityKey;
