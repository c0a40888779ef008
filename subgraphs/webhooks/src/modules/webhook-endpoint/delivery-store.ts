import type { MikroORM } from '@mikro-orm/postgresql';
import { Batcher } from '@trae/kit';
import type { EndpointCache } from './endpoint-cache.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** A delivery log row as it is inserted: plain data, no entity to build for each try. */
export type AttemptRow = Omit<WebhookAttempt, never>;

/**
 * What each delivery reads and writes in PostgreSQL, grouped across the deliveries under way: one
 * `id in (...)` query for the endpoints they are for (which are then kept in the endpoint cache, so
 * mostly none), one multi-row insert for the attempts they log. Idle, a delivery's own lookup or write
 * goes out on the next turn of the event loop. A delivery still waits for its attempt to be written
 * before it counts as done, so the log holds every try.
 */
export class DeliveryStore {
  private readonly endpoints: Batcher<string, WebhookEndpoint | null>;
  private readonly attempts: Batcher<AttemptRow, void>;

  constructor(
    orm: MikroORM,
    private readonly cache: EndpointCache,
  ) {
    this.endpoints = new Batcher(async (ids) => {
      const rows = await orm.em.fork().find(WebhookEndpoint, { id: { $in: [...new Set(ids)] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.attempts = new Batcher(async (rows) => {
      await orm.em.fork().insertMany(WebhookAttempt, rows);
      return rows.map(() => undefined);
    });
  }

  endpoint(id: string): Promise<WebhookEndpoint | null> {
    return this.cache.get(id, () => this.endpoints.push(id));
  }

  log(attempt: AttemptRow): Promise<void> {
    return this.attempts.push(attempt);
  }

  /** Waits for the writes under way (shutdown). */
  drain(): Promise<void> {
    return this.attempts.drain();
  }
}
