import type { EventBus } from '@trae/kit';
import { BusCache } from '../cache/bus-cache.js';
import type { WebhookSource } from './webhook-source.entity.js';

/** Bus topic: a source's secrets changed; every instance drops its copy. */
export const WEBHOOK_SOURCE_CHANGED = 'webhook-source.changed';

/**
 * Sources as the receiving route needs them, kept in memory: each webhook would otherwise cost a query
 * before its signature is even checked. A rotation drops the copy on every instance, so the new secret
 * is accepted everywhere at once (the previous one stays accepted anyway). Sources are few (ADMIN
 * registers them).
 */
export class SourceCache extends BusCache<WebhookSource> {
  constructor(bus: EventBus) {
    super(bus, WEBHOOK_SOURCE_CHANGED, { ttlMs: 60_000, max: 10_000 });
  }
}
