import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AlertSeverity, AlertStatus } from './alert.enums.js';

@ObjectType({ description: 'One episode of a rule: from the condition first holding to its resolution.' })
@Entity({ tableName: 'alerts' })
export class Alert {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** No foreign key: the history outlives a deleted rule (then `rule` is null). */
  @Field(() => ID)
  @Property({ type: 'uuid' })
  ruleId: string;

  @Field(() => String, { description: 'The rule’s name when the alert began.' })
  @Property({ type: 'string', length: 120 })
  name: string;

  @Field(() => AlertSeverity)
  @Property({ type: 'string', length: 16 })
  severity: AlertSeverity;

  @Field(() => AlertStatus)
  @Property({ type: 'string', length: 16 })
  status: AlertStatus;

  @Field(() => String, { description: 'What was seen, in words (the latest evaluation’s).' })
  @Property({ type: 'text' })
  summary: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  value: number | null = null;

  @Field(() => Date, { description: 'When the condition first held (PENDING).' })
  @Property({ type: 'datetime' })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it began FIRING; null if it never did.' })
  @Property({ type: 'datetime', nullable: true })
  firingAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => Boolean, {
    description: 'A silence covered it at its latest change: no email or webhook was sent for that change.',
  })
  @Property({ type: 'boolean' })
  silenced = false;

  /** Its FIRING went out by email/webhook, so its RESOLVED does too (receivers never hear one without the other). */
  @Property({ type: 'boolean' })
  notified = false;
}
