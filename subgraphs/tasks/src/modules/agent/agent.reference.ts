import type { TasksContext } from '../../context.js';

export const agentReference = {
  Agent: {
    __resolveReference: (ref: { id: string }, ctx: TasksContext) => ctx.services.agents.find(ref.id),
  },
};
