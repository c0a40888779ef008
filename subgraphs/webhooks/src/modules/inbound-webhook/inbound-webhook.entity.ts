import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { JSONScalar } from '@trae/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { InboundWebhookStatus } from './inbound-webhook.enums.js';

@ObjectType({
  description: 'A webhook a source sent, kept (the newest per source) for inspection and replay.',
})
@Entity({ tableName: 'inbound_webhooks' })
@Unique({ properties: ['sourceId', 'webhookId'] })
export class InboundWebhook {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  sourceId: string;

  @Field(() => String, { description: 'The sender’s `webhook-id` (X-Signature sources: the body’s hash).' })
  @Property({ type: 'string', length: 200 })
  webhookId: string;

  @Field(() => String, { description: 'The body as received.' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The body parsed as JSON; null when it is not.' })
  get payload(): unknown {
    try {
      return JSON.parse(this.body);
    } catch {
      return null;
    }
  }

  @Field(() => InboundWebhookStatus)
  @Property({ type: 'string', length: 20 })
  status: InboundWebhookStatus = 'RECEIVED';

  @Field(() => ID, { nullable: true, description: 'CREATE_TASK: the task it created.' })
  @Property({ type: 'uuid', nullable: true })
  taskId: string | null = null;

  @Field(() => String, { nullable: true, description: 'FAILED: why.' })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => Date, { description: 'When it was received.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
