import { keyReferences } from '@trae/kit';

/** `User` and `Channel` belong to other subgraphs, so their reference is just the key. */
export const federationReferences = keyReferences('User', 'Channel');
