import { registerEnumType } from 'type-graphql';

export const TaskStatus = {
  /** Written, and waiting for its time (runAt, its schedule, or its child tasks). */
  PENDING: 'PENDING',
  /** Due, waiting for a worker (also between retries). */
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const TERMINAL: readonly TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const isTerminal = (s: TaskStatus) => TERMINAL.includes(s);

registerEnumType(TaskStatus, { name: 'TaskStatus', description: 'Where a task is in its life.' });
