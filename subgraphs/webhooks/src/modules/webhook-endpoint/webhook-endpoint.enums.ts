import { registerEnumType } from 'type-graphql';

/** The event types an endpoint may subscribe to, as the tasks service appends them to its stream. */
export const OUTBOUND_EVENT_TYPES = ['task.completed', 'task.failed'] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

export const WebhookEndpointStatus = {
  ACTIVE: 'ACTIVE',
  /** No more deliveries: the receiver answered 410 Gone, or its owner paused it. */
  DISABLED: 'DISABLED',
} as const;
export type WebhookEndpointStatus = (typeof WebhookEndpointStatus)[keyof typeof WebhookEndpointStatus];

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint is sent events.',
});
