import { type EntityKey, entityStub } from '@trae/kit';

/** The tasks subgraph's `Task`, named by id only; the gateway fetches the rest from tasks. */
export const TaskRef = entityStub('Task', { resolvable: false });
export type TaskRef = EntityKey;
