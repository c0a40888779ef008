import { createServer, type Server } from 'node:http';
import { Metrics, requireInternal } from '@trae/kit';
import express from 'express';

export interface FakeTasks {
  url: string;
  metrics: Metrics;
  /** What `/internal/agents/health` answers; `ready` decides /ready. */
  state: { ready: boolean; agents: unknown };
  close(): Promise<void>;
}

/**
 * Another service as observability sees it: the kit's real `Metrics` on /metrics (with traffic
 * the test generates on /work), /ready with a version, and the tasks service's agreed
 * `/internal/agents/health` behind the internal secret.
 */
export async function startFakeTasks(secret: string): Promise<FakeTasks> {
  const metrics = new Metrics('tasks');
  const state: FakeTasks['state'] = {
    ready: true,
    agents: {
      status: 'up',
      workers: 2,
      queues: {
        content: { waiting: 3, active: 1, delayed: 2, failed: 0, oldestWaitingSeconds: 120 },
        research: { waiting: 1, active: 0, delayed: 0, failed: 4, oldestWaitingSeconds: 30 },
      },
    },
  };
  const app = express();
  app.use(metrics.httpMiddleware());
  app.get('/metrics', metrics.handler());
  app.get('/ready', (_req, res) => {
    res.status(state.ready ? 200 : 503).json({
      status: state.ready ? 'ready' : 'unready',
      version: '9.9.9',
      checks: { database: { status: state.ready ? 'up' : 'down' } },
    });
  });
  app.get('/work/:status', (req, res) => {
    res.status(Number(req.params.status)).send('done');
  });
  app.get('/internal/agents/health', requireInternal(secret), (_req, res) => {
    res.json(state.agents);
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, metrics, state, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
