import type { MikroORM } from '@mikro-orm/postgresql';
import type { EndpointCache } from './endpoint-cache.js';
import type { EndpointNotices } from './endpoint-notice.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * Disables endpoints that keep failing. What counts is a delivery that failed for good (its last retry
 * failed), not each attempt, as Svix does (it disables an endpoint whose messages all failed for days):
 * with the default schedule one delivery's retries already span about 3 days, so a receiver that is down
 * for an hour is retried and catches up, while one failing `disableAfter` deliveries in a row is switched
 * off. Any success resets the count.
 */
export class EndpointHealth {
  constructor(
    private readonly orm: MikroORM,
    private readonly disableAfter: number,
    private readonly notices: EndpointNotices,
    /** Every change here drops the endpoint's copies, so deliveries read the row as it is now. */
    private readonly cache: EndpointCache,
  ) {}

  async succeeded(endpoint: WebhookEndpoint): Promise<void> {
    if (endpoint.consecutiveFailures === 0) return;
    const reset = await this.orm.em
      .fork()
      .nativeUpdate(
        WebhookEndpoint,
        { id: endpoint.id, consecutiveFailures: { $gt: 0 } },
        { consecutiveFailures: 0 },
      );
    if (reset) await this.cache.changed(endpoint.id);
  }

  /** One delivery has failed all its tries. */
  async failed(endpointId: string): Promise<void> {
    // One statement, so concurrent deliveries to the endpoint each count.
    const [row] = await this.orm.em
      .fork()
      .execute<{ consecutive_failures: number }[]>(
        'update webhook_endpoints set consecutive_failures = consecutive_failures + 1 where id = ? returning consecutive_failures',
        [endpointId],
      );
    const failures = row?.consecutive_failures ?? 0;
    await this.cache.changed(endpointId);
    if (failures >= this.disableAfter)
      await this.disable(endpointId, `${failures} deliveries in a row failed after all their retries`);
  }

  /** Disables it once (the first caller wins) and tells its owner. */
  async disable(endpointId: string, reason: string): Promise<void> {
    const changed = await this.orm.em
      .fork()
      .nativeUpdate(
        WebhookEndpoint,
        { id: endpointId, status: 'ACTIVE' },
        { status: 'DISABLED', disabledReason: reason, disabledAt: new Date() },
      );
    if (!changed) return;
    await this.cache.changed(endpointId);
    this.notices.disabled(endpointId);
  }
}
