import { Connection } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';
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
