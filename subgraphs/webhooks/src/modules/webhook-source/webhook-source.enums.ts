import { registerEnumType } from 'type-graphql';

export const WebhookAction = {
  /** Creates a task of the source's agent and type, the payload as its input, as the source's creator. */
  CREATE_TASK: 'CREATE_TASK',
  /** Publishes the payload to `webhookReceived` subscribers. */
  EMIT_EVENT: 'EMIT_EVENT',
} as const;
export type WebhookAction = (typeof WebhookAction)[keyof typeof WebhookAction];

export const WebhookSignature = {
  /** Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (v1, HMAC-SHA256). */
  STANDARD_WEBHOOKS: 'STANDARD_WEBHOOKS',
  /** `X-Signature`: the hex HMAC-SHA256 of the body, keyed by the secret (`sha256=` prefix allowed). */
  X_SIGNATURE: 'X_SIGNATURE',
} as const;
export type WebhookSignature = (typeof WebhookSignature)[keyof typeof WebhookSignature];

registerEnumType(WebhookAction, { name: 'WebhookAction', description: 'What a received webhook does.' });
registerEnumType(WebhookSignature, {
  name: 'WebhookSignature',
  description: 'How a webhook source signs what it sends.',
});
