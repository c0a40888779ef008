import type { MigrationObject } from '@mikro-orm/core';
import { InitialTasks20261128 } from './20261128-initial.js';
import { IdempotencyPerCreator20261202 } from './20261202-idempotency-per-creator.js';
import { OpenTasks20261215 } from './20261215-open-tasks.js';
import { BackupCapabilities20261216 } from './20261216-backup-capabilities.js';
import { ModelUsage20261217 } from './20261217-model-usage.js';
import { Base44Sync20261226 } from './20261226-base44-sync.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialTasks20261128', class: InitialTasks20261128 },
  { name: 'IdempotencyPerCreator20261202', class: IdempotencyPerCreator20261202 },
  { name: 'OpenTasks20261215', class: OpenTasks20261215 },
  { name: 'BackupCapabilities20261216', class: BackupCapabilities20261216 },
  { name: 'ModelUsage20261217', class: ModelUsage20261217 },
  { name: 'Base44Sync20261226', class: Base44Sync20261226 },
];
