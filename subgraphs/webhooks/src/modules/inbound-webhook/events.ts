/** The event bus topic of EMIT_EVENT sources: one message per received webhook, `webhookReceived` relays it. */
export const WEBHOOK_RECEIVED = 'WEBHOOK_RECEIVED';

/** What is published: the stored webhook, its time as ISO text (it crosses Redis as JSON). */
export interface WebhookReceivedEvent {
  id: string;
  sourceId: string;
  webhookId: string;
  body: string;
  receivedAt: string;
}
