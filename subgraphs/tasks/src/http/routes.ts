import { requireInternal } from '@trae/kit';
import type { Express } from 'express';
import type { AgentService } from '../modules/agent/agent.service.js';

/** Service-to-service: the gateway's /health `agents` entry and observability read worker health here. */
export function tasksRoutes(agents: AgentService, internalSecret: string) {
  return (app: Express) => {
    app.get('/internal/agents/health', requireInternal(internalSecret), async (_req, res, next) => {
      try {
        res.setHeader('cache-control', 'no-store');
        res.json(await agents.health());
      } catch (err) {
        next(err);
      }
    });
  };
}
