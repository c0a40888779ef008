import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AlertComparison, AlertNotifier, AlertRuleKind, AlertSeverity, AlertState } from './alert.enums.js';

@ObjectType({ description: 'A condition watched every ALERT_EVAL_INTERVAL_MS, and where its alerts go.' })
@Entity({ tableName: 'alert_rules' })
export class AlertRule {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => AlertRuleKind)
  @Property({ type: 'string', length: 32 })
  kind: AlertRuleKind;

  @Field(() => AlertSeverity)
  @Property({ type: 'string', length: 16 })
  severity: AlertSeverity = 'WARNING';

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  enabled = true;

  /** Which shipped default it is (default-rules.ts); seeding skips a key already there, so edits stay. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  builtinKey: string | null = null;

  @Field(() => Boolean, {
    description: 'One of the shipped default rules: it can be edited and disabled, not deleted.',
  })
  get builtIn(): boolean {
    return this.builtinKey !== null;
  }

  @Field(() => String, { nullable: true, description: 'METRIC_THRESHOLD: a `metricNames` series.' })
  @Property({ type: 'string', length: 64, nullable: true })
  metric: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'METRIC_THRESHOLD / SERVICE_DOWN: one service; null, any service.',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  service: string | null = null;

  @Field(() => AlertComparison)
  @Property({ type: 'string', length: 8 })
  comparison: AlertComparison = 'ABOVE';

  @Field(() => Float, { description: 'In the unit of what the kind watches (SERVICE_DOWN: unused, 0).' })
  @Property({ type: 'double' })
  threshold: number;

  @Field(() => Int, { description: 'The condition must hold this long before PENDING becomes FIRING.' })
  @Property({ type: 'integer' })
  forSeconds = 60;

  @Field(() => Int, {
    description: 'Hysteresis: a FIRING rule resolves once the condition has been clear this long.',
  })
  @Property({ type: 'integer' })
  resolveAfterSeconds = 60;

  @Field(() => [AlertNotifier])
  @Property({ type: 'json' })
  notify: AlertNotifier[] = ['DASHBOARD'];

  @Field(() => AlertState)
  @Property({ type: 'string', length: 16 })
  state: AlertState = 'OK';

  @Field(() => Float, { nullable: true, description: 'What the last evaluation saw (null: no data).' })
  @Property({ type: 'double', nullable: true })
  value: number | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastEvaluatedAt: Date | null = null;

  /** Since when the condition has held, while PENDING or FIRING. */
  @Property({ type: 'datetime', nullable: true })
  holdingSince: Date | null = null;

  /** Since when the condition has been clear while FIRING (the hysteresis clock). */
  @Property({ type: 'datetime', nullable: true })
  clearSince: Date | null = null;

  /** The open alert (PENDING or FIRING) of the current episode. */
  @Property({ type: 'uuid', nullable: true })
  alertId: string | null = null;

  @Field(() => Date, { nullable: true, description: 'The latest end of an active silence on it, if any.' })
  @Property({ persist: false, type: 'datetime', nullable: true })
  silencedUntil: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Set by edits only (not `onUpdate`): every evaluation writes the rule's state. */
  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
