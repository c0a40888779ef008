import { registerEnumType } from 'type-graphql';

export const InboundWebhookStatus = {
  /** Verified and stored; its action is under way. */
  RECEIVED: 'RECEIVED',
  /** Its action is done (the task created, the event emitted). */
  DONE: 'DONE',
  /** Its action failed; the sender may send it again, or an ADMIN may replay it. */
  FAILED: 'FAILED',
} as const;
export type InboundWebhookStatus = (typeof InboundWebhookStatus)[keyof typeof InboundWebhookStatus];

registerEnumType(InboundWebhookStatus, {
  name: 'InboundWebhookStatus',
  description: 'Where a received webhook is.',
});
