import type { MikroORM } from '@mikro-orm/postgresql';
import { Batcher } from '@trae/kit';
import type { InboundWebhook } from './inbound-webhook.entity.js';

const placeholders = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

/**
 * Received webhooks' rows, written for the requests under way together: one multi-row insert for the
 * new ones, one update for their outcomes. Under load that is two statements per batch instead of two
 * per request; idle, a request's own write goes out on the next turn of the event loop.
 */
export class InboundStore {
  private readonly inserts: Batcher<InboundWebhook, boolean>;
  private readonly outcomes: Batcher<InboundWebhook, void>;

  constructor(orm: MikroORM) {
    this.inserts = new Batcher(async (rows) => {
      const inserted = await orm.em.fork().execute<{ id: string }[]>(
        `insert into inbound_webhooks (id, source_id, webhook_id, body, status, created_at)
         values ${placeholders(rows.length, 6)}
         on conflict (source_id, webhook_id) do nothing returning id`,
        rows.flatMap((r) => [r.id, r.sourceId, r.webhookId, r.body, r.status, r.createdAt]),
      );
      const stored = new Set(inserted.map((r) => r.id));
      return rows.map((r) => stored.has(r.id));
    });
    this.outcomes = new Batcher(async (rows) => {
      await orm.em.fork().execute(
        `update inbound_webhooks t set status = v.status, error = v.error, task_id = v.task_id::uuid
           from (values ${placeholders(rows.length, 4)}) as v (id, status, error, task_id)
          where t.id = v.id::uuid`,
        rows.flatMap((r) => [r.id, r.status, r.error, r.taskId]),
      );
      return rows.map(() => undefined);
    });
  }

  /** Stores a new row; false when one with its source and webhook id is there already. */
  insert(row: InboundWebhook): Promise<boolean> {
    return this.inserts.push(row);
  }

  /** Saves a row's status, error and task. */
  saveOutcome(row: InboundWebhook): Promise<void> {
    return this.outcomes.push(row);
  }
}
