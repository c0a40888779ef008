import { type BaseContext, byIdLoader } from '@trae/kit';
import DataLoader from 'dataloader';
import type { AgentService } from './modules/agent/agent.service.js';
import type { AgentStats } from './modules/agent/agent.types.js';
import type { BackupService } from './modules/backup/backup.service.js';
import type { Task } from './modules/task/task.entity.js';
import type { TaskService } from './modules/task/task.service.js';
import type { UsageService } from './modules/usage/usage.service.js';

export interface TasksServices {
  tasks: TaskService;
  agents: AgentService;
  backups: BackupService;
  usage: UsageService;
}

export interface TasksContext extends BaseContext {
  services: TasksServices;
  loaders: {
    task: DataLoader<string, Task | null>;
    agentStats: DataLoader<string, AgentStats>;
    output: DataLoader<string, string | null>;
  };
}

/** Per request: batched loaders, so `_entities` for many tasks, or stats for every agent, is one query. */
export function tasksContext(services: TasksServices) {
  return (base: BaseContext): TasksContext => ({
    ...base,
    services,
    loaders: {
      task: byIdLoader((ids) => services.tasks.byIds(ids)),
      agentStats: new DataLoader((names: readonly string[]) => services.agents.stats(names)),
      output: new DataLoader((ids: readonly string[]) => services.tasks.outputTexts(ids)),
    },
  });
}
