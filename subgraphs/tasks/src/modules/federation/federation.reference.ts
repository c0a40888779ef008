import { keyReferences } from '@trae/kit';

/** Other subgraphs' entities resolve to their key: the fields this subgraph adds need nothing else. */
export const federationReferences = keyReferences('User', 'Channel');
