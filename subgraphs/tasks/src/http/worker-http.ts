import { createServer, type Server } from 'node:http';
import { type Check, type Logger, Metrics, mountProbes, requestIdMiddleware } from '@trae/kit';
import express from 'express';
import { Counter, Gauge, Histogram } from 'prom-client';

export interface WorkerHttp {
  http: Server;
  /** The worker's /metrics registry, for clients that count their own calls (Base44's integration_*). */
  registry: Metrics['registry'];
  metrics: {
    settled: Counter<'agent' | 'type' | 'status'>;
    duration: Histogram<'agent' | 'type'>;
    recovered: Counter;
    handedOver: Counter<'agent'>;
    backupRuns: Counter<'kind' | 'outcome'>;
    modelTokens: Counter<'direction' | 'agent' | 'model'>;
    modelCost: Counter<'agent' | 'model'>;
  };
  setDraining(): void;
}

/** The worker's own small HTTP server: /health, /ready and /metrics, as every service has. */
export function createWorkerHttp(
  logger: Logger,
  checks: Record<string, Check>,
  running: () => number,
): WorkerHttp {
  const metrics = new Metrics('tasks-worker');
  const registers = [metrics.registry];
  const settled = new Counter({
    name: 'tasks_settled_total',
    help: 'Task runs that ended, by agent, type and outcome (QUEUED = failed, will retry)',
    labelNames: ['agent', 'type', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'task_run_duration_seconds',
    help: 'Run time of one task attempt',
    labelNames: ['agent', 'type'],
    buckets: [0.005, 0.05, 0.25, 1, 5, 30, 120, 600],
    registers,
  });
  const recovered = new Counter({
    name: 'tasks_recovered_total',
    help: 'Open tasks the reconciler found without a job in BullMQ (Redis lost it) and enqueued again',
    registers,
  });
  const handedOver = new Counter({
    name: 'tasks_handed_over_total',
    help: 'Running tasks taken back from a worker presumed dead (its heartbeat expired) and queued again at once',
    labelNames: ['agent'],
    registers,
  });
  const backupRuns = new Counter({
    name: 'backup_runs_total',
    help: 'Backup and verify task runs in this worker, by kind (backup, verify) and outcome (success, failure)',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  // Observability derives the dashboard's usage series (llm_*_rate) from these two.
  const modelTokens = new Counter({
    name: 'llm_tokens_total',
    help: 'Language-model tokens used by this worker’s tasks, by direction (input, output), agent and model',
    labelNames: ['direction', 'agent', 'model'],
    registers,
  });
  const modelCost = new Counter({
    name: 'llm_cost_usd_total',
    help: 'Estimated language-model cost in US dollars (LLM_PRICES) of this worker’s tasks, by agent and model',
    labelNames: ['agent', 'model'],
    registers,
  });
  new Gauge({
    name: 'tasks_running',
    help: 'Tasks running in this worker process',
    registers,
    collect() {
      this.set(running());
    },
  });

  const app = express();
  let draining = false;
  app.disable('x-powered-by');
  app.use(requestIdMiddleware(logger));
  app.use(metrics.httpMiddleware());
  const info = { service: 'tasks-worker', version: '0.1.0', startedAt: new Date() };
  mountProbes(app, { info, checks, isDraining: () => draining, metrics });
  return {
    http: createServer(app),
    registry: metrics.registry,
    metrics: { settled, duration, recovered, handedOver, backupRuns, modelTokens, modelCost },
    setDraining: () => {
      draining = true;
    },
  };
}
