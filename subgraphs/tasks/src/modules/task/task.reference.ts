import type { TasksContext } from '../../context.js';
import { canSee } from './task.service.js';

/** Other subgraphs' `Task` references (e.g. `ContentItem.sourceTask`) become tasks the caller may see. */
export const taskReference = {
  Task: {
    __resolveReference: async (ref: { id: string }, ctx: TasksContext) => {
      const task = await ctx.loaders.task.load(ref.id);
      return task && canSee(ctx.user, task) ? task : null;
    },
  },
};
