import { registerEnumType } from 'type-graphql';
import { OUTBOUND_STREAMS, type OutboundStream } from './outbound-events.js';

/** The event types an endpoint may subscribe to: every type of every stream outbound webhooks come from. */
export const OUTBOUND_EVENT_TYPES = OUTBOUND_STREAMS.flatMap((s) => s.types) as [
  OutboundEventType,
  ...OutboundEventType[],
];
export type OutboundEventType = (typeof OUTBOUND_STREAMS)[number]['types'][number];

/** Platform-wide events: only an ADMIN's endpoints may subscribe to them (and get them while ADMIN). */
export const ADMIN_EVENT_TYPES: readonly string[] = OUTBOUND_STREAMS.filter(
  (s: OutboundStream) => s.adminOnly,
).flatMap((s) => s.types);

/** What a channel's endpoint may subscribe to: the events that may be a channel's. */
export const CHANNEL_EVENT_TYPES: readonly string[] = OUTBOUND_STREAMS.filter(
  (s: OutboundStream) => s.inChannels,
).flatMap((s) => s.types);

/** What `sendTestWebhook` sends: any endpoint gets it on request, subscribed or not. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const WebhookEndpointStatus = {
  ACTIVE: 'ACTIVE',
  /** No more deliveries: the receiver answered 410 Gone, failed too many deliveries in a row, or its owner paused it. */
  DISABLED: 'DISABLED',
} as const;
export type WebhookEndpointStatus = (typeof WebhookEndpointStatus)[keyof typeof WebhookEndpointStatus];

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint is sent events.',
});
