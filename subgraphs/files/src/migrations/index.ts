import type { MigrationObject } from '@mikro-orm/core';
import { InitialFiles20261201 } from './20261201-initial.js';
import { UploadAttempts20261220 } from './20261220-upload-attempts.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialFiles20261201', class: InitialFiles20261201 },
  { name: 'UploadAttempts20261220', class: UploadAttempts20261220 },
];
