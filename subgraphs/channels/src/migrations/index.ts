import type { MigrationObject } from '@mikro-orm/core';
import { InitialChannels20261127 } from './20261127-initial.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialChannels20261127', class: InitialChannels20261127 },
];
