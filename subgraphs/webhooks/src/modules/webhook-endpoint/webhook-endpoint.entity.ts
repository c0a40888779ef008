import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WebhookEndpointStatus } from './webhook-endpoint.enums.js';

@ObjectType({ description: 'A URL of yours sent the events it subscribes to, signed per Standard Webhooks.' })
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /**
   * Who made it, and is told when it is disabled. A personal endpoint gets this user's events (their
   * tasks, channels' content, files; the platform's alerts for an ADMIN).
   */
  @Property({ type: 'uuid' })
  ownerId: string;

  /** A channel's endpoint: it gets the channel's events, and the channel's owners manage it. */
  @Field(() => ID, {
    nullable: true,
    description: "The channel whose events it gets (managed by the channel's owners); null: its owner's own.",
  })
  @Property({ type: 'uuid', nullable: true })
  channelId: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  url: string;

  @Field(() => [String], { description: 'E.g. `task.completed`, `file.ready`, `alert.firing`.' })
  @Property({ type: 'json' })
  eventTypes: string[];

  @Property({ type: 'string', length: 100, hidden: true })
  secret: string;

  @Field(() => WebhookEndpointStatus)
  @Property({ type: 'string', length: 20 })
  status: WebhookEndpointStatus = 'ACTIVE';

  @Field(() => String, { nullable: true, description: 'DISABLED: why (410 Gone, or repeated failure).' })
  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  @Field(() => Int, {
    description: 'Deliveries failed in a row (each after all its retries); a success resets it.',
  })
  @Property({ type: 'integer' })
  consecutiveFailures = 0;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
