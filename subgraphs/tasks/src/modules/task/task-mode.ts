import { registerEnumType } from 'type-graphql';

export const TaskMode = {
  /** Written by the configured language model. */
  MODEL: 'MODEL',
  /** No model is configured: the built-in template engine wrote it. */
  TEMPLATE: 'TEMPLATE',
} as const;
export type TaskMode = (typeof TaskMode)[keyof typeof TaskMode];

registerEnumType(TaskMode, {
  name: 'TaskMode',
  description: 'What wrote a task’s result: a language model or the built-in template engine.',
});
