import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { WebhookAction, WebhookSignature } from './webhook-source.enums.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A sender that may call `POST /webhooks/<id>`. Managed by ADMIN.' })
@Entity({ tableName: 'webhook_sources' })
export class WebhookSource {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The ADMIN who registered it: created tasks are theirs, authorized as they are now. */
  @Property({ type: 'uuid' })
  ownerId: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => WebhookAction)
  @Property({ type: 'string', length: 20 })
  action: WebhookAction;

  @Field(() => WebhookSignature)
  @Property({ type: 'string', length: 20 })
  signature: WebhookSignature;

  @Field(() => String, { nullable: true, description: 'CREATE_TASK: the agent that runs the task.' })
  @Property({ type: 'string', length: 100, nullable: true })
  agent: string | null = null;

  @Field(() => String, { nullable: true, description: 'CREATE_TASK: the task type (a capability).' })
  @Property({ type: 'string', length: 100, nullable: true })
  taskType: string | null = null;

  /** Newest first; at most two, so a sender can move to the new one while the old one still works. */
  @Property({ type: 'json', hidden: true })
  secrets: string[] = [];

  @Field(() => Int, { description: 'How many secrets are accepted now (2 during a rotation).' })
  get secretCount(): number {
    return this.secrets.length;
  }

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
