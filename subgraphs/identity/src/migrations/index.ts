import type { MigrationObject } from '@mikro-orm/core';
import { InitialIdentity20261127 } from './20261127-initial.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialIdentity20261127', class: InitialIdentity20261127 },
];
