import type { MigrationObject } from '@mikro-orm/core';
import { InitialIdentity20261127 } from './20261127-initial.js';
import { Accounts20261210 } from './20261210-accounts.js';
import { TwoFactor20261211 } from './20261211-two-factor.js';
import { Oidc20261212 } from './20261212-oidc.js';
import { Passkeys20261213 } from './20261213-passkeys.js';
import { Outbox20261214 } from './20261214-outbox.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialIdentity20261127', class: InitialIdentity20261127 },
  { name: 'Accounts20261210', class: Accounts20261210 },
  { name: 'TwoFactor20261211', class: TwoFactor20261211 },
  { name: 'Oidc20261212', class: Oidc20261212 },
  { name: 'Passkeys20261213', class: Passkeys20261213 },
  { name: 'Outbox20261214', class: Outbox20261214 },
];
