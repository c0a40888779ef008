import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  Errors,
  type IdentityClient,
  isSelfOrAdmin,
  isUuid,
  newestFirstPage,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
} from '@trae/kit';
import { newSecret } from '../webhook-source/webhook-source.service.js';
import type { Audience } from './outbound-events.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { ADMIN_EVENT_TYPES } from './webhook-endpoint.enums.js';
import { newWebhookEndpointSchema } from './webhook-endpoint.schema.js';

/** The rules of outbound endpoints: each user manages their own, ADMIN every one. */
export class WebhookEndpointService {
  constructor(
    private readonly orm: MikroORM,
    /** Identity, asked whether an endpoint's owner is an ADMIN now (for platform-wide events). */
    private readonly identity: IdentityClient,
  ) {}

  async create(owner: Principal, input: unknown): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const fields = parseInput(newWebhookEndpointSchema, input, 'input');
    const adminOnly = fields.eventTypes.filter((t) => ADMIN_EVENT_TYPES.includes(t));
    if (adminOnly.length && owner.role !== 'ADMIN')
      throw Errors.forbidden(`Only ADMIN endpoints may subscribe to ${adminOnly.join(', ')}`);
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

  /**
   * The active endpoints subscribed to `type` that an event of this audience goes to: its owner's, or
   * for a platform-wide event those of owners who are ADMIN now. The role is identity's answer at the
   * time of the event, not the one the endpoint was created with, so a demoted admin stops getting
   * alerts; identity unreachable fails the event, which stays pending on its stream for a retry.
   */
  async audience(audience: Audience, type: string): Promise<WebhookEndpoint[]> {
    const subscribed = { status: 'ACTIVE', eventTypes: { $contains: [type] } } as const;
    const em = this.orm.em.fork();
    if (!audience.admins)
      return audience.ownerId ? em.find(WebhookEndpoint, { ...subscribed, ownerId: audience.ownerId }) : [];
    const endpoints = await em.find(WebhookEndpoint, subscribed);
    const owners = [...new Set(endpoints.map((e) => e.ownerId))];
    const authority = await Promise.all(owners.map((id) => this.identity.authority(id)));
    const admins = new Set(
      owners.filter((_, i) => authority[i]?.role === 'ADMIN' && !authority[i]?.disabled),
    );
    return endpoints.filter((e) => admins.has(e.ownerId));
  }
}
