import type { MikroORM } from '@mikro-orm/postgresql';
import { type EventBus, html, type IdentityClient, type Logger, type Mailer, mailTemplate } from '@trae/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Bus topic of `webhookEndpointDisabled`: an endpoint was disabled (410, or failing too often). */
export const WEBHOOK_ENDPOINT_DISABLED = 'webhook-endpoint.disabled';

/** What `webhookEndpointDisabled` carries: the endpoint as it is once disabled (dates as ISO text). */
export type EndpointDisabledEvent = Omit<WebhookEndpoint, 'disabledAt' | 'createdAt' | 'secret'> & {
  disabledAt: string;
  createdAt: string;
};

interface DisabledParams {
  username: string;
  url: string;
  reason: string;
  at: string;
}

const disabledNotice = mailTemplate<DisabledParams>({
  subject: () => 'Your webhook endpoint was disabled',
  text: ({ username, url, reason, at }) =>
    `Hello ${username},\n\nWe stopped sending events to your webhook endpoint ${url} at ${at}: ${reason}.\n\n` +
    'Events that happen while it is disabled are not sent to it. Once the receiver works again, enable the ' +
    'endpoint (the dashboard’s webhooks page, or the setWebhookEndpointDisabled mutation with disabled: false).\n',
  html: ({ username, url, reason, at }) =>
    html`<p>Hello ${username},</p><p>We stopped sending events to your webhook endpoint <code>${url}</code> at ${at}: ${reason}.</p><p>Events that happen while it is disabled are not sent to it. Once the receiver works again, enable the endpoint (the dashboard’s webhooks page, or the <code>setWebhookEndpointDisabled</code> mutation with <code>disabled: false</code>).</p>`,
});

/**
 * Tells an endpoint's owner that it was disabled: on the dashboard at once (`webhookEndpointDisabled`)
 * and by email. Best effort and off the delivery path: the endpoint is disabled (and says why in the
 * graph) whether or not the notices go out; a failure is logged.
 */
export class EndpointNotices {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly identity: IdentityClient,
    private readonly mailer: Mailer | null,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  disabled(endpointId: string): void {
    const sending = this.send(endpointId).catch((err) =>
      this.logger.warn({ err, endpointId }, 'notice of a disabled webhook endpoint not sent'),
    );
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }

  private async send(endpointId: string): Promise<void> {
    const endpoint = await this.orm.em.fork().findOne(WebhookEndpoint, { id: endpointId });
    if (!endpoint?.disabledAt) return;
    const event: EndpointDisabledEvent = {
      id: endpoint.id,
      ownerId: endpoint.ownerId,
      channelId: endpoint.channelId,
      url: endpoint.url,
      eventTypes: endpoint.eventTypes,
      status: endpoint.status,
      disabledReason: endpoint.disabledReason,
      consecutiveFailures: endpoint.consecutiveFailures,
      disabledAt: endpoint.disabledAt.toISOString(),
      createdAt: endpoint.createdAt.toISOString(),
    };
    await this.bus.publish(WEBHOOK_ENDPOINT_DISABLED, event);
    if (this.mailer) await this.mail(this.mailer, endpoint, event.disabledAt);
  }

  private async mail(mailer: Mailer, endpoint: WebhookEndpoint, at: string): Promise<void> {
    const endpointId = endpoint.id;
    const owner = await this.identity.contact(endpoint.ownerId);
    if (!owner || owner.disabled) {
      this.logger.info({ endpointId }, 'disabled webhook endpoint: its owner has no address to write to');
      return;
    }
    await mailer.send(
      disabledNotice(owner.email, {
        username: owner.username,
        url: endpoint.url,
        reason: endpoint.disabledReason ?? 'it kept failing',
        at,
      }),
    );
  }

  /** Waits for the notices under way (shutdown). */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
  }
}
