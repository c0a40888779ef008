import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  Errors,
  isSelfOrAdmin,
  isUuid,
  newestFirstPage,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
} from '@trae/kit';
import { newSecret } from '../webhook-source/webhook-source.service.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { OUTBOUND_EVENT_TYPES } from './webhook-endpoint.enums.js';
import { newWebhookEndpointSchema } from './webhook-endpoint.schema.js';

/** The rules of outbound endpoints: each user manages their own, ADMIN every one. */
export class WebhookEndpointService {
  constructor(private readonly orm: MikroORM) {}

  async create(owner: Principal, input: unknown): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const fields = parseInput(newWebhookEndpointSchema, input, 'input');
    const secret = newSecret();
    const endpoint = Object.assign(new WebhookEndpoint(), { ...fields, ownerId: owner.id!, secret });
    await this.orm.em.fork().persist(endpoint).flush();
    return { endpoint, secret };
  }

  async list(ownerId: string, page: PageQuery): Promise<ConnectionShape<WebhookEndpoint>> {
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    return newestFirstPage(em, WebhookEndpoint, { ownerId }, page.after, limit);
  }

  /** One endpoint for its owner and ADMIN; null for anyone else, so ids of others reveal nothing. */
  async get(caller: Principal, id: string): Promise<WebhookEndpoint | null> {
    return this.visible(this.orm.em.fork(), caller, id);
  }

  /** The delivery log of one endpoint, newest attempt first: for its owner and ADMIN. */
  async attempts(
    caller: Principal,
    endpointId: string,
    page: PageQuery,
  ): Promise<ConnectionShape<WebhookAttempt>> {
    const em = this.orm.em.fork();
    await this.owned(em, caller, endpointId);
    return newestFirstPage(em, WebhookAttempt, { endpointId }, page.after, pageSize(page.first));
  }

  /**
   * Pauses or resumes deliveries. Resuming also clears why it was disabled (a 410, say): the owner
   * says the receiver is back. Events that happened while it was disabled are not sent later.
   */
  async setDisabled(caller: Principal, id: string, disabled: boolean): Promise<WebhookEndpoint> {
    const em = this.orm.em.fork();
    const endpoint = await this.owned(em, caller, id);
    if (disabled && endpoint.status === 'ACTIVE') {
      Object.assign(endpoint, { status: 'DISABLED', disabledReason: 'disabled by hand' });
    } else if (!disabled) {
      Object.assign(endpoint, { status: 'ACTIVE', disabledReason: null });
    }
    await em.flush();
    return endpoint;
  }

  /** Removes the endpoint and its delivery log (the attempts go with it, by the foreign key). */
  async remove(caller: Principal, id: string): Promise<boolean> {
    const em = this.orm.em.fork();
    await em.remove(await this.owned(em, caller, id)).flush();
    return true;
  }

  /** What `eventTypes` may name, for forms. */
  eventTypes(): string[] {
    return [...OUTBOUND_EVENT_TYPES];
  }

  private async visible(em: EntityManager, caller: Principal, id: string): Promise<WebhookEndpoint | null> {
    const endpoint = isUuid(id) ? await em.findOne(WebhookEndpoint, { id }) : null;
    return endpoint && isSelfOrAdmin(caller, endpoint.ownerId) ? endpoint : null;
  }

  private async owned(em: EntityManager, caller: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.visible(em, caller, id);
    if (!endpoint) throw Errors.notFound('Webhook endpoint');
    return endpoint;
  }

  /** The owner's active endpoints subscribed to `type`. */
  subscribed(ownerId: string, type: string): Promise<WebhookEndpoint[]> {
    return this.orm.em
      .fork()
      .find(WebhookEndpoint, { ownerId, status: 'ACTIVE', eventTypes: { $contains: [type] } });
  }
}
