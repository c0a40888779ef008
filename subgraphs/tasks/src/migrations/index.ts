import type { MigrationObject } from '@mikro-orm/core';
import { InitialTasks20261128 } from './20261128-initial.js';
import { OpenTasks20261215 } from './20261215-open-tasks.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialTasks20261128', class: InitialTasks20261128 },
  { name: 'OpenTasks20261215', class: OpenTasks20261215 },
];
