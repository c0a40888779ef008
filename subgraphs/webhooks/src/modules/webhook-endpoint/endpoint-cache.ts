import type { EventBus } from '@trae/kit';
import { BusCache } from '../cache/bus-cache.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Bus topic: an endpoint was disabled, enabled, deleted or its failure count moved. */
export const WEBHOOK_ENDPOINT_CHANGED = 'webhook-endpoint.changed';

/**
 * Endpoints as deliveries need them (URL, secret, status), kept in memory: otherwise every delivery
 * costs a query before it is sent. Whatever changes an endpoint's row calls `changed`, which drops the
 * copy on every instance, so a disabled endpoint gets nothing more anywhere; the short TTL bounds a
 * missed drop (Redis reconnecting, when deliveries stall anyway).
 */
export class EndpointCache extends BusCache<WebhookEndpoint> {
  constructor(bus: EventBus) {
    super(bus, WEBHOOK_ENDPOINT_CHANGED, { ttlMs: 10_000, max: 50_000 });
  }
}
