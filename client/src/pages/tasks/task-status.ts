import type { TaskStatus } from '../../gql/graphql';

/** A task in one of these is over: no more progress or events to wait for. */
export const FINISHED: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['SUCCEEDED', 'FAILED', 'CANCELLED']);
