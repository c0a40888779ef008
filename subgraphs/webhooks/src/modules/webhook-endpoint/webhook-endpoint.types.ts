import { Connection } from '@trae/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export const WebhookEndpointConnection = Connection(WebhookEndpoint);
export const WebhookAttemptConnection = Connection(WebhookAttempt);

@ObjectType({ description: 'An endpoint with its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field(() => String, { description: 'Verify deliveries with it (Standard Webhooks); shown only here.' })
  secret: string;
}

@ObjectType({ description: 'A delivery queued on request (a test event, or a redelivery).' })
export class QueuedWebhookDelivery {
  @Field(() => String, { description: 'Its `webhook-id`: find its attempts by it in the delivery log.' })
  messageId: string;

  @Field(() => ID)
  endpointId: string;

  @Field(() => String)
  eventType: string;

  @Field(() => Boolean, {
    description: 'False when nothing new was queued: this message is still being delivered or retried.',
  })
  queued: boolean;
}
