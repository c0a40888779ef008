import type { MikroORM } from '@mikro-orm/postgresql';
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

  /** The delivery log of one endpoint, newest attempt first: for its owner and ADMIN. */
  async attempts(
    caller: Principal,
    endpointId: string,
    page: PageQuery,
  ): Promise<ConnectionShape<WebhookAttempt>> {
    const endpoint = isUuid(endpointId)
      ? await this.orm.em.fork().findOne(WebhookEndpoint, { id: endpointId })
      : null;
    if (!endpoint || !isSelfOrAdmin(caller, endpoint.ownerId)) throw Errors.notFound('Webhook endpoint');
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    return newestFirstPage(em, WebhookAttempt, { endpointId }, page.after, limit);
  }

  /** The owner's active endpoints subscribed to `type`. */
  subscribed(ownerId: string, type: string): Promise<WebhookEndpoint[]> {
    return this.orm.em
      .fork()
      .find(WebhookEndpoint, { ownerId, status: 'ACTIVE', eventTypes: { $contains: [type] } });
  }
}
