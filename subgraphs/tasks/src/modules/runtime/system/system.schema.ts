import { BACKUP_ID } from '@trae/recovery';
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

export const backupInput = z
  .object({
    /** Then verify it (checksums, archive listing, trial restore); a refused backup fails the task. */
    verify: z.boolean().default(false),
    /** Then remove backups past BACKUP_RETENTION_DAYS (never the last good one). */
    prune: z.boolean().default(false),
  })
  .strict();

export const verifyBackupInput = z
  .object({
    id: z.string().regex(BACKUP_ID, 'must be a backup id such as 20261201T101500Z-3f9a'),
    /** Restore into a scratch database and compare row counts (needs CREATEDB). */
    trial: z.boolean().default(true),
  })
  .strict();

export const base44SyncInput = z.object({ userId: z.string().uuid('must be a user id') }).strict();

export const noopInput = z
  .object({ sleepMs: z.number().int().min(0).max(600_000).default(0), echo: z.unknown().optional() })
  .strict();

export const systemSpec: RuntimeSpec = {
  name: 'system',
  description:
    'Keeps the platform healthy: health checks, resource monitoring, retention clean-up and backups.',
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
    backup: {
      description: 'Backs the platform up (database, files, settings, supergraph); ADMIN only.',
      input: backupInput,
      adminOnly: true,
    },
    backup_verify: {
      description: 'Proves a backup restorable: checksums, pg_restore --list, a trial restore; ADMIN only.',
      input: verifyBackupInput,
      adminOnly: true,
    },
    base44_sync_user: {
      description:
        "Pushes one user's profile to Base44 after it changed in identity; started by the platform only.",
      input: base44SyncInput,
      systemOnly: true,
    },
    noop: {
      description: 'Waits `sleepMs`, then returns `echo`. For smoke tests and benchmarks.',
      input: noopInput,
    },
  },
  configuration: z.object({ concurrency: z.number().int().min(1).max(1000).optional() }).strict(),
};
