import { Connection } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';
import { WebhookSource } from './webhook-source.entity.js';

export const WebhookSourceConnection = Connection(WebhookSource);

@ObjectType({ description: 'A source with its newest secret, shown this once.' })
export class WebhookSourceWithSecret {
  @Field(() => WebhookSource)
  source: WebhookSource;

  @Field(() => String, { description: 'Shown only in this answer; store it with the sender.' })
  secret: string;
}
