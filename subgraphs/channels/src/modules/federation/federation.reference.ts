import { keyReferences } from '@trae/kit';

/**
 * Other subgraphs' entities resolve to their key: `User.channels` needs nothing else. `Task` is not
 * listed: channels only points at tasks (`resolvable: false`), the gateway never asks it for one.
 */
export const federationReferences = keyReferences('User');
