import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentRuntime } from '../agent.js';
import { runBackup, runVerify } from './backup.js';
import { syncUserData } from './base44-sync.js';
import { healthCheck } from './health-check.js';
import { systemMonitoring } from './monitoring.js';
import { resourceManagement } from './retention.js';
import type { SystemDeps } from './system.deps.js';
import {
  backupInput,
  base44SyncInput,
  healthCheckInput,
  monitoringInput,
  noopInput,
  retentionInput,
  systemSpec,
  verifyBackupInput,
} from './system.schema.js';

export function createSystemAgent(deps: SystemDeps): AgentRuntime {
  return {
    ...systemSpec,
    timeoutMs: (type) => (type.startsWith('backup') ? deps.backups.timeoutMs : undefined),
    async run(task, ctx) {
      switch (task.type) {
        case 'health_check':
          return healthCheck(healthCheckInput.parse(task.input), deps, ctx);
        case 'system_monitoring':
          return systemMonitoring(monitoringInput.parse(task.input), deps, ctx);
        case 'resource_management':
          return resourceManagement(retentionInput.parse(task.input), deps, ctx);
        case 'backup':
          return runBackup(backupInput.parse(task.input), deps.backups, task, ctx);
        case 'backup_verify':
          return runVerify(verifyBackupInput.parse(task.input), deps.backups, task, ctx);
        case 'base44_sync_user':
          return syncUserData(base44SyncInput.parse(task.input), deps.base44, task, ctx);
        case 'noop': {
          const input = noopInput.parse(task.input);
          if (input.sleepMs) await sleep(input.sleepMs, undefined, { signal: ctx.signal });
          return { ok: true, echo: input.echo ?? null };
        }
        default:
          throw new Error(`system cannot run ${task.type}`);
      }
    },
  };
}
