import type { MigrationObject } from '@mikro-orm/core';
import { InitialWebhooks20261202 } from './20261202-initial.js';
import { DeliveryHealth20261210 } from './20261210-delivery-health.js';
import { ChannelEndpoints20261220 } from './20261220-channel-endpoints.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [
  { name: 'InitialWebhooks20261202', class: InitialWebhooks20261202 },
  { name: 'DeliveryHealth20261210', class: DeliveryHealth20261210 },
  { name: 'ChannelEndpoints20261220', class: ChannelEndpoints20261220 },
];
