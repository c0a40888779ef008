import type { MigrationObject } from '@mikro-orm/core';
import { InitialObservability20261201 } from './20261201-initial.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialObservability20261201', class: InitialObservability20261201 },
];
