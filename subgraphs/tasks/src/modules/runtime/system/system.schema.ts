import { z } from 'zod';
import type { RuntimeSpec } from '../agent.js';

export const SERVICE_NAMES = [
  'gateway',
  'identity',
  'channels',
  'tasks',
  'files',
  'observability',
  'webhooks',
  'workers',
];

export const healthCheckInput = z
  .object({
    services: z.array(z.enum(SERVICE_NAMES)).min(1).optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(2_000),
  })
  .strict();

export const monitoringInput = z
  .object({ sampleMs: z.number().int().min(50).max(5_000).default(500) })
  .strict();

export const retentionInput = z
  .object({
    taskRetentionDays: z.number().int().min(1).max(3650).optional(),
    logRetentionDays: z.number().int().min(1).max(3650).optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();

export const noopInput = z
  .object({ sleepMs: z.number().int().min(0).max(600_000).default(0), echo: z.unknown().optional() })
  .strict();

export const systemSpec: RuntimeSpec = {
  name: 'system',
  description: 'Keeps the platform healthy: health checks, resource monitoring and retention clean-up.',
  capabilities: {
    health_check: {
      description: "Probes every service's /ready and records the answers.",
      input: healthCheckInput,
    },
    system_monitoring: {
      description: 'CPU, memory, load, event-loop lag, Postgres connections, Redis memory and queue depths.',
      input: monitoringInput,
    },
    resource_management: {
      description: 'Deletes finished tasks and log lines past their retention, and reports the rows freed.',
      input: retentionInput,
    },
    noop: {
      description: 'Waits `sleepMs`, then returns `echo`. For smoke tests and benchmarks.',
      input: noopInput,
    },
  },
  configuration: z.object({ concurrency: z.number().int().min(1).max(1000).optional() }).strict(),
};
