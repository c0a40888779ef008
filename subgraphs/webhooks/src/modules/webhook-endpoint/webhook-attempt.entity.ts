import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One try at delivering one event to one endpoint.' })
@Entity({ tableName: 'webhook_attempts' })
export class WebhookAttempt {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  endpointId: string;

  @Field(() => String, { description: 'The `webhook-id` sent: the same on every try of one event.' })
  @Property({ type: 'string', length: 200 })
  messageId: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  eventType: string;

  @Field(() => Int, { description: '1 for the first try.' })
  @Property({ type: 'integer' })
  attempt: number;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status; null when none came.' })
  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  latencyMs: number;

  @Field(() => String, { nullable: true, description: 'The start of the receiver’s answer.' })
  @Property({ type: 'text', nullable: true })
  responseExcerpt: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'The body sent (JSON: type, timestamp, data): what `redeliverWebhook` sends again.',
  })
  @Property({ type: 'text', nullable: true })
  body: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
