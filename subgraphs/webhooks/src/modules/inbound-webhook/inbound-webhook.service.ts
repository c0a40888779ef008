import type { IncomingHttpHeaders } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  Errors,
  type EventBus,
  isSelfOrAdmin,
  isUuid,
  type Limit,
  type Logger,
  newestFirstPage,
  type PageQuery,
  type Principal,
  pageSize,
  type Redis,
  type TasksClient,
} from '@trae/kit';
import type { WebhookSource } from '../webhook-source/webhook-source.entity.js';
import type { WebhookSourceService } from '../webhook-source/webhook-source.service.js';
import { WEBHOOK_RECEIVED, type WebhookReceivedEvent } from './events.js';
import { InboundStore } from './inbound-store.js';
import { InboundWebhook } from './inbound-webhook.entity.js';
import { verifiedWebhookId } from './signature.js';

/** A `webhook-id` is remembered this long: past the 5-minute tolerance both ways, with margin. */
const SEEN_TTL_S = 60 * 60;

export interface InboundWebhookDeps {
  orm: MikroORM;
  redis: Redis;
  sources: WebhookSourceService;
  tasks: TasksClient;
  bus: EventBus;
  logger: Logger;
  /** WEBHOOK_RATE_LIMIT_PER_MINUTE, per source. */
  limit: Limit;
}

/**
 * Receives, stores and acts on webhooks. Nothing is acted on twice: a `webhook-id` is claimed in Redis
 * (SET NX) before anything happens, the (source, id) pair is unique in PostgreSQL, and a task is
 * created with the stored webhook's id as its idempotency key, so a replay or a retry finds the first.
 */
export class InboundWebhookService {
  private readonly rows: InboundStore;

  constructor(private readonly d: InboundWebhookDeps) {
    this.rows = new InboundStore(d.orm);
  }

  async receive(sourceId: string, body: Buffer, headers: IncomingHttpHeaders, requestId?: string) {
    const source = await this.d.sources.find(sourceId);
    if (!source) throw Errors.notFound('Webhook source');
    const webhookId = verifiedWebhookId(source, body, headers);
    const seenKey = `webhooks:seen:${source.id}:${webhookId}`;
    // Counted once verified, so requests forged in a source's name cannot use up its sender's allowance.
    // The count and the claim go out together (one pipelined round trip); a refused one gives its claim
    // back, so the sender's retry after Retry-After comes through.
    const [counted, claim] = await Promise.allSettled([
      this.d.limit.take(source.id),
      this.d.redis.set(seenKey, '1', 'EX', SEEN_TTL_S, 'NX'),
    ]);
    if (claim.status === 'rejected') throw claim.reason;
    if (counted.status === 'rejected') {
      if (claim.value === 'OK') await this.d.redis.del(seenKey);
      throw counted.reason;
    }
    if (claim.value !== 'OK') throw Errors.conflict('This webhook was already received', 'webhook-id');

    const row = await this.store(source, webhookId, body);
    try {
      return await this.act(source, row, requestId);
    } catch (err) {
      // Not acted on: the sender's retry of the same id may come through.
      await this.d.redis.del(seenKey);
      throw err;
    }
  }

  /** Acts on a stored webhook again (ADMIN); a task it created before is found, not made twice. */
  async replay(caller: Principal, id: string, requestId?: string): Promise<InboundWebhook> {
    const row = isUuid(id) ? await this.d.orm.em.fork().findOne(InboundWebhook, { id }) : null;
    const source = row ? await this.d.sources.find(row.sourceId) : null;
    if (!row || !source || !isSelfOrAdmin(caller, source.ownerId)) throw Errors.notFound('Inbound webhook');
    return this.act(source, row, requestId);
  }

  /** One source's stored webhooks, newest first (ADMIN). */
  async list(caller: Principal, sourceId: string, page: PageQuery): Promise<ConnectionShape<InboundWebhook>> {
    const source = await this.d.sources.find(sourceId);
    if (!source || !isSelfOrAdmin(caller, source.ownerId)) throw Errors.notFound('Webhook source');
    const limit = pageSize(page.first);
    const em = this.d.orm.em.fork();
    return newestFirstPage(em, InboundWebhook, { sourceId }, page.after, limit);
  }

  /**
   * Stores a new webhook in one statement. One with the same id that FAILED is taken up again (the
   * sender's retry); any other is a repeat.
   */
  private async store(source: WebhookSource, webhookId: string, body: Buffer): Promise<InboundWebhook> {
    const row = Object.assign(new InboundWebhook(), {
      sourceId: source.id,
      webhookId,
      body: body.toString('utf8'),
    });
    if (await this.rows.insert(row)) return row;
    const earlier = await this.d.orm.em.fork().findOne(InboundWebhook, { sourceId: source.id, webhookId });
    if (earlier?.status !== 'FAILED')
      throw Errors.conflict('This webhook was already received', 'webhook-id');
    return earlier;
  }

  private async act(source: WebhookSource, row: InboundWebhook, requestId?: string): Promise<InboundWebhook> {
    try {
      if (source.action === 'CREATE_TASK') row.taskId = (await this.createTask(source, row, requestId)).id;
      else await this.d.bus.publish(WEBHOOK_RECEIVED, this.event(row));
      Object.assign(row, { status: 'DONE', error: null });
    } catch (err) {
      Object.assign(row, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) });
      await this.save(row);
      throw err;
    }
    await this.save(row);
    return row;
  }

  private save(row: InboundWebhook): Promise<void> {
    return this.rows.saveOutcome(row);
  }

  private createTask(source: WebhookSource, row: InboundWebhook, requestId?: string) {
    const payload = row.payload;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload))
      throw Errors.badInput('body', 'body: a CREATE_TASK source needs a JSON object');
    return this.d.tasks.createTask(
      source.ownerId,
      {
        agent: source.agent!,
        type: source.taskType!,
        input: payload as Record<string, unknown>,
        idempotencyKey: `webhook:${row.id}`,
      },
      requestId,
    );
  }

  private event(row: InboundWebhook): WebhookReceivedEvent {
    const { id, sourceId, webhookId, body } = row;
    return { id, sourceId, webhookId, body, receivedAt: row.createdAt.toISOString() };
  }
}
