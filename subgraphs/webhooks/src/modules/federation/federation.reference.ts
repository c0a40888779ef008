import { keyReferences } from '@trae/kit';

/** `User` belongs to identity, so its reference is just the key: `User.webhookSources` needs nothing else. */
export const federationReferences = keyReferences('User');
