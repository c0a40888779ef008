import type { MigrationObject } from '@mikro-orm/core';
import { InitialObservability20261201 } from './20261201-initial.js';
import { LogOwners20261215 } from './20261215-log-owners.js';
import { Alerts20261220 } from './20261220-alerts.js';
import { ErrorCounts20261225 } from './20261225-error-counts.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialObservability20261201', class: InitialObservability20261201 },
  { name: 'LogOwners20261215', class: LogOwners20261215 },
  { name: 'Alerts20261220', class: Alerts20261220 },
  { name: 'ErrorCounts20261225', class: ErrorCounts20261225 },
];
