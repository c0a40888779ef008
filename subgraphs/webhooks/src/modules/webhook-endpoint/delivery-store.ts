import type { MikroORM } from '@mikro-orm/postgresql';
import { Batcher } from '@trae/kit';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * What each delivery reads and writes in PostgreSQL, grouped across the deliveries under way: one
 * `id in (...)` query for the endpoints they are for, one multi-row insert for the attempts they log.
 * Under load that is two round trips per batch instead of four per delivery; idle, a delivery's own
 * lookup or write goes out on the next turn of the event loop. A delivery still waits for its attempt to
 * be written before it counts as done, so the log holds every try.
 */
export class DeliveryStore {
  private readonly endpoints: Batcher<string, WebhookEndpoint | null>;
  private readonly attempts: Batcher<WebhookAttempt, void>;

  constructor(orm: MikroORM) {
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
    return this.endpoints.push(id);
  }

  log(attempt: WebhookAttempt): Promise<void> {
    return this.attempts.push(attempt);
  }

  /** Waits for the writes under way (shutdown). */
  drain(): Promise<void> {
    return this.attempts.drain();
  }
}
