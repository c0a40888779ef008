import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  type ChannelsClient,
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
import { type DeliveryJob, messageIdOf, type OutboundDelivery } from './delivery.js';
import type { EndpointCache } from './endpoint-cache.js';
import type { Audience } from './outbound-events.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { ADMIN_EVENT_TYPES, OUTBOUND_EVENT_TYPES, TEST_EVENT_TYPE } from './webhook-endpoint.enums.js';
import { newWebhookEndpointSchema } from './webhook-endpoint.schema.js';
import type { QueuedWebhookDelivery } from './webhook-endpoint.types.js';

/**
 * The rules of outbound endpoints: each user manages their own, a channel's OWNERs its channel's
 * endpoints, ADMIN every one.
 */
export class WebhookEndpointService {
  constructor(
    private readonly orm: MikroORM,
    /** Identity, asked whether an endpoint's owner is an ADMIN now (for platform-wide events). */
    private readonly identity: IdentityClient,
    /** Channels, asked whether the caller is an OWNER of a channel whose endpoints they manage. */
    private readonly channels: ChannelsClient,
    private readonly delivery: OutboundDelivery,
    /** What deliveries read endpoints through: told of every change made here. */
    private readonly cache: EndpointCache,
  ) {}

  async create(owner: Principal, input: unknown): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const fields = parseInput(newWebhookEndpointSchema, input, 'input');
    const adminOnly = fields.eventTypes.filter((t) => ADMIN_EVENT_TYPES.includes(t));
    if (adminOnly.length && owner.role !== 'ADMIN')
      throw Errors.forbidden(`Only ADMIN endpoints may subscribe to ${adminOnly.join(', ')}`);
    if (fields.channelId) await this.requireChannelOwner(owner, fields.channelId);
    const secret = newSecret();
    const endpoint = Object.assign(new WebhookEndpoint(), { ...fields, ownerId: owner.id!, secret });
    await this.orm.em.fork().persist(endpoint).flush();
    return { endpoint, secret };
  }

  /** The caller's own endpoints, or a channel's (for its OWNERs and ADMIN); newest first. */
  async list(
    caller: Principal,
    page: PageQuery & { channelId?: string | null },
  ): Promise<ConnectionShape<WebhookEndpoint>> {
    const { channelId } = page;
    if (channelId) await this.requireChannelOwner(caller, channelId);
    const where = channelId ? { channelId } : { ownerId: caller.id!, channelId: null };
    return newestFirstPage(this.orm.em.fork(), WebhookEndpoint, where, page.after, pageSize(page.first));
  }

  /** One endpoint for its owner and ADMIN; null for anyone else, so ids of others reveal nothing. */
  async get(caller: Principal, id: string): Promise<WebhookEndpoint | null> {
    return this.visible(this.orm.em.fork(), caller, id);
  }

  /** What the caller's `eventTypes` may name, for forms: platform-wide events only for ADMIN. */
  eventTypes(caller: Principal): string[] {
    return OUTBOUND_EVENT_TYPES.filter((t) => caller.role === 'ADMIN' || !ADMIN_EVENT_TYPES.includes(t));
  }

  /** The delivery log of one endpoint, newest attempt first: for its owner and ADMIN. */
  async attempts(
    caller: Principal,
    endpointId: string,
    page: PageQuery,
  ): Promise<ConnectionShape<WebhookAttempt>> {
    await this.managed(caller, endpointId);
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    return newestFirstPage(em, WebhookAttempt, { endpointId }, page.after, limit);
  }

  /** Queues a `webhook.test` event to the endpoint now (subscribed to it or not): for its owner and ADMIN. */
  async sendTest(caller: Principal, endpointId: string): Promise<QueuedWebhookDelivery> {
    const endpoint = await this.managed(caller, endpointId);
    requireActive(endpoint);
    const job: DeliveryJob = {
      endpointId: endpoint.id,
      messageId: messageIdOf(`test/${randomUUID()}`, endpoint.id),
      type: TEST_EVENT_TYPE,
      at: new Date().toISOString(),
      data: { endpointId: endpoint.id, requestedBy: caller.id, message: 'A test event, sent on request.' },
    };
    await this.delivery.enqueue(job);
    return { messageId: job.messageId, endpointId: endpoint.id, eventType: job.type, queued: true };
  }

  /**
   * Sends a logged message again, the same body with the same `webhook-id` (receivers drop what they
   * already have), named by one of its attempts' ids or by its `webhook-id`; nothing new while it is still
   * being delivered or retried.
   */
  async redeliver(caller: Principal, id: string): Promise<QueuedWebhookDelivery> {
    const em = this.orm.em.fork();
    const attempt = await em.findOne(WebhookAttempt, isUuid(id) ? { id } : { messageId: id }, {
      orderBy: { createdAt: 'desc' },
    });
    if (!attempt) throw Errors.notFound('Webhook delivery');
    const endpoint = await this.managed(caller, attempt.endpointId, 'Webhook delivery');
    requireActive(endpoint);
    const sent = attempt.body ? (JSON.parse(attempt.body) as { timestamp: string; data: unknown }) : null;
    if (!sent) throw Errors.conflict('This delivery kept no body to send again', 'id');
    const job: DeliveryJob = {
      endpointId: endpoint.id,
      messageId: attempt.messageId,
      type: attempt.eventType,
      at: sent.timestamp,
      data: sent.data,
    };
    const queued = await this.delivery.redeliver(job);
    return { messageId: job.messageId, endpointId: endpoint.id, eventType: job.type, queued };
  }

  /**
   * Pauses or resumes deliveries, for the owner and ADMIN. Resuming clears why it was disabled (a 410,
   * too many failures in a row) and the count of failures: the owner says the receiver is back. Events
   * that happened while it was disabled are not sent later.
   */
  async setDisabled(caller: Principal, endpointId: string, disabled: boolean): Promise<WebhookEndpoint> {
    const em = this.orm.em.fork();
    const endpoint = await this.managed(caller, endpointId, 'Webhook endpoint', em);
    if (disabled && endpoint.status === 'ACTIVE') {
      Object.assign(endpoint, {
        status: 'DISABLED',
        disabledReason: 'disabled by hand',
        disabledAt: new Date(),
      });
    } else if (!disabled) {
      Object.assign(endpoint, {
        status: 'ACTIVE',
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
      });
    }
    await em.flush();
    await this.cache.changed(endpoint.id);
    return endpoint;
  }

  /** Removes the endpoint and its delivery log (the attempts go with it, by the foreign key). */
  async remove(caller: Principal, endpointId: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const endpoint = await this.managed(caller, endpointId, 'Webhook endpoint', em);
    await em.remove(endpoint).flush();
    await this.cache.changed(endpoint.id);
    return true;
  }

  /** The endpoint when the caller owns it or is ADMIN; NOT_FOUND otherwise, so ids reveal nothing. */
  private async managed(
    caller: Principal,
    endpointId: string,
    what = 'Webhook endpoint',
    em = this.orm.em.fork(),
  ) {
    const endpoint = await this.visible(em, caller, endpointId);
    if (!endpoint) throw Errors.notFound(what);
    return endpoint;
  }

  private async visible(em: EntityManager, caller: Principal, id: string): Promise<WebhookEndpoint | null> {
    const endpoint = isUuid(id) ? await em.findOne(WebhookEndpoint, { id }) : null;
    if (!endpoint) return null;
    // A channel's endpoint is the channel's: whoever made it loses it with their OWNER role.
    if (endpoint.channelId) return (await this.ownsChannel(caller, endpoint.channelId)) ? endpoint : null;
    return isSelfOrAdmin(caller, endpoint.ownerId) ? endpoint : null;
  }

  /** A channel's endpoints are managed by its OWNERs and ADMIN; anyone else learns nothing of the channel. */
  private async requireChannelOwner(caller: Principal, channelId: string): Promise<void> {
    if (!isUuid(channelId)) throw Errors.badInput('channelId', 'channelId: must be a channel id');
    if (await this.ownsChannel(caller, channelId)) return;
    throw Errors.forbidden("Only the channel's OWNERs and ADMIN manage its webhook endpoints");
  }

  /** Channels owns memberships: asked on each call, so a demoted owner loses the endpoints at once. */
  private async ownsChannel(caller: Principal, channelId: string): Promise<boolean> {
    if (caller.role === 'ADMIN') return true;
    if (!caller.id) return false;
    return (await this.channels.membership(channelId, caller.id))?.role === 'OWNER';
  }

  /**
   * For each event, the active endpoints subscribed to its type that it goes to: its owner's own and, for
   * a channel's event, the channel's; for a platform-wide event those of owners who are ADMIN now. One
   * query for every owner and channel of the batch. The
   * role is identity's answer at the time of the event, not the one the endpoint was created with, so a
   * demoted admin stops getting alerts; identity unreachable fails the batch, which stays pending on its
   * stream for a retry.
   */
  async audiences(events: readonly { audience: Audience; type: string }[]): Promise<WebhookEndpoint[][]> {
    const em = this.orm.em.fork();
    const owners = new Set(events.flatMap(({ audience: a }) => (!a.admins && a.ownerId ? [a.ownerId] : [])));
    const channels = new Set(events.flatMap(({ audience: a }) => (a.channelId ? [a.channelId] : [])));
    const scopes = [
      ...(owners.size ? [{ ownerId: { $in: [...owners] }, channelId: null }] : []),
      ...(channels.size ? [{ channelId: { $in: [...channels] } }] : []),
    ];
    const found = scopes.length ? await em.find(WebhookEndpoint, { status: 'ACTIVE', $or: scopes }) : [];
    const adminTypes = new Set(events.flatMap((e) => (e.audience.admins ? [e.type] : [])));
    const admins = adminTypes.size ? await this.adminEndpoints(em, [...adminTypes]) : [];
    const reaches = (a: Audience) => (e: WebhookEndpoint) =>
      e.channelId ? e.channelId === a.channelId : e.ownerId === a.ownerId;
    return events.map(({ audience, type }) =>
      (audience.admins ? admins : found.filter(reaches(audience))).filter((e) => e.eventTypes.includes(type)),
    );
  }

  /** The active endpoints subscribed to one of `types` whose owners are ADMIN now. */
  private async adminEndpoints(em: EntityManager, types: string[]): Promise<WebhookEndpoint[]> {
    const endpoints = await em.find(WebhookEndpoint, {
      status: 'ACTIVE',
      $or: types.map((type) => ({ eventTypes: { $contains: [type] } })),
    });
    const owners = [...new Set(endpoints.map((e) => e.ownerId))];
    const authority = await Promise.all(owners.map((id) => this.identity.authority(id)));
    const admins = new Set(
      owners.filter((_, i) => authority[i]?.role === 'ADMIN' && !authority[i]?.disabled),
    );
    return endpoints.filter((e) => admins.has(e.ownerId));
  }
}

function requireActive(endpoint: WebhookEndpoint): void {
  if (endpoint.status !== 'ACTIVE')
    throw Errors.conflict(
      'The endpoint is disabled: enable it first (setWebhookEndpointDisabled with disabled: false)',
      'endpointId',
    );
}
