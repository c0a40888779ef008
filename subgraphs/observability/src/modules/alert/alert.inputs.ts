import { Connection, PageArgs } from '@trae/kit';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { Alert } from './alert.entity.js';
import { AlertComparison, AlertNotifier, AlertRuleKind, AlertSeverity, AlertStatus } from './alert.enums.js';

@InputType({ description: 'A whole rule: an update replaces every field.' })
export class AlertRuleInput {
  @Field(() => String, { description: '1 to 120 characters.' })
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => AlertRuleKind)
  kind: AlertRuleKind;

  @Field(() => AlertSeverity, { nullable: true, defaultValue: 'WARNING' })
  severity?: AlertSeverity | null;

  @Field(() => String, {
    nullable: true,
    description: 'METRIC_THRESHOLD (required there): a `metricNames` series.',
  })
  metric?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'METRIC_THRESHOLD / SERVICE_DOWN: one service; null, any.',
  })
  service?: string | null;

  @Field(() => AlertComparison, { nullable: true, defaultValue: 'ABOVE' })
  comparison?: AlertComparison | null;

  @Field(() => Float)
  threshold: number;

  @Field(() => Int, { nullable: true, defaultValue: 60, description: '0 to 604800 (7 days).' })
  forSeconds?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 60, description: '0 to 604800 (7 days).' })
  resolveAfterSeconds?: number | null;

  @Field(() => [AlertNotifier], { nullable: true, defaultValue: ['DASHBOARD'] })
  notify?: AlertNotifier[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean | null;
}

@ArgsType()
export class AlertsArgs extends PageArgs() {
  @Field(() => AlertStatus, { nullable: true })
  status?: AlertStatus | null;

  @Field(() => ID, { nullable: true })
  ruleId?: string | null;
}

export const AlertConnection = Connection(Alert);
