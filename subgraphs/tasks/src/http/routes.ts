import type { IdentityClient } from '@trae/kit';
import { requireInternal } from '@trae/kit';
import type { Express } from 'express';
import type { AgentService } from '../modules/agent/agent.service.js';
import type { TaskService } from '../modules/task/task.service.js';
import { createTaskRoute } from './create-task.route.js';

/**
 * Service-to-service: the gateway's /health `agents` entry and observability read worker health here;
 * the webhooks service creates tasks for its sources' creators.
 */
export function tasksRoutes(
  agents: AgentService,
  tasks: TaskService,
  identity: IdentityClient,
  internalSecret: string,
) {
  return (app: Express) => {
    app.get('/internal/agents/health', requireInternal(internalSecret), async (_req, res, next) => {
      try {
        res.setHeader('cache-control', 'no-store');
        res.json(await agents.health());
      } catch (err) {
        next(err);
      }
    });
    createTaskRoute(app, tasks, identity, internalSecret);
  };
}
