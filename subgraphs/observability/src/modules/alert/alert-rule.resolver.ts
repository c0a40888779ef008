import { Arg, Authorized, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { AlertRuleInput } from './alert.inputs.js';
import { AlertRule } from './alert-rule.entity.js';
import { AlertSilence } from './alert-silence.entity.js';

/** Rules and silences: the platform's alerting, so ADMIN only, reading included. */
@Authorized('ADMIN')
@Resolver(() => AlertRule)
export class AlertRuleResolver {
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [AlertRule], { description: 'Every rule, built-in ones first (oldest first).' })
  alertRules(@Ctx() ctx: ObservabilityContext) {
    return ctx.services.alertRules.list();
  }

  @Query(() => AlertRule, { nullable: true })
  alertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.alertRules.get(id);
  }

  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [AlertSilence], {
    description: 'Active and upcoming silences (expired ones too on request), latest end first.',
  })
  alertSilences(
    @Arg('includeExpired', () => Boolean, { nullable: true, defaultValue: false }) includeExpired:
      | boolean
      | null,
    @Ctx() ctx: ObservabilityContext,
  ) {
    return ctx.services.alerts.silences(includeExpired === true);
  }

  @Mutation(() => AlertRule)
  createAlertRule(
    @Arg('input', () => AlertRuleInput) input: AlertRuleInput,
    @Ctx() ctx: ObservabilityContext,
  ) {
    return ctx.services.alertRules.create(input);
  }

  @Mutation(() => AlertRule, { description: 'Replaces the rule’s definition; its state carries on.' })
  updateAlertRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AlertRuleInput) input: AlertRuleInput,
    @Ctx() ctx: ObservabilityContext,
  ) {
    return ctx.services.alertRules.update(id, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a rule (its alerts stay as history). Built-in rules can be disabled, not deleted (BAD_USER_INPUT).',
  })
  deleteAlertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.alertRules.remove(id);
  }

  @Mutation(() => AlertRule, { description: 'A disabled rule’s open alert resolves at the next evaluation.' })
  setAlertRuleEnabled(
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: ObservabilityContext,
  ) {
    return ctx.services.alertRules.setEnabled(id, enabled);
  }

  @Mutation(() => AlertSilence, {
    description:
      'Silences one rule (every rule when `ruleId` is null) from now for `durationSeconds` (1 s to 7 days).',
  })
  createAlertSilence(
    @Arg('ruleId', () => ID, { nullable: true }) ruleId: string | null,
    @Arg('durationSeconds', () => Int) durationSeconds: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: ObservabilityContext,
  ) {
    return ctx.services.alerts.silence(ctx.user, { ruleId, durationSeconds, reason });
  }

  @Mutation(() => AlertSilence, { description: 'Ends a silence now.' })
  expireAlertSilence(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.alerts.expire(id);
  }
}
