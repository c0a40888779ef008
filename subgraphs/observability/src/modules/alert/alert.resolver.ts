import { PAGE_LIST_SIZE } from '@trae/kit';
import {
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { Alert } from './alert.entity.js';
import { AlertConnection, AlertsArgs } from './alert.inputs.js';
import { ALERT_CHANGED, type AlertEvent } from './alert-notifier.js';
import { AlertRule } from './alert-rule.entity.js';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** An event as published, back into an Alert. */
const revive = (e: AlertEvent): Alert =>
  Object.assign(new Alert(), {
    id: e.alertId,
    ruleId: e.ruleId,
    name: e.name,
    severity: e.severity,
    status: e.status,
    summary: e.summary,
    value: e.value,
    startedAt: new Date(e.startedAt),
    firingAt: date(e.firingAt),
    resolvedAt: date(e.resolvedAt),
    silenced: e.silenced,
  });

@Authorized('ADMIN')
@Resolver(() => Alert)
export class AlertResolver {
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [Alert], { description: 'PENDING and FIRING now, newest first.' })
  activeAlerts(@Ctx() ctx: ObservabilityContext) {
    return ctx.services.alerts.active();
  }

  @Directive(PAGE_LIST_SIZE)
  @Query(() => AlertConnection, { description: 'The history, newest first.' })
  alerts(@Args(() => AlertsArgs) args: AlertsArgs, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.alerts.list(args);
  }

  @Subscription(() => Alert, {
    description: 'Every status change of any alert (PENDING, FIRING, RESOLVED), silenced ones included.',
    subscribe: ({ context }) => {
      const ctx = context as ObservabilityContext;
      return ctx.services.live.stream('alertChanged', ALERT_CHANGED, (e: AlertEvent) => {
        // One context serves the whole subscription: each event reads its rule as it is now.
        ctx.loaders.alertRule.clearAll();
        return [revive(e)];
      });
    },
  })
  alertChanged(@Root() alert: Alert): Alert {
    return alert;
  }

  @FieldResolver(() => AlertRule, { nullable: true, description: 'Null once the rule is deleted.' })
  rule(@Root() alert: Alert, @Ctx() ctx: ObservabilityContext) {
    return ctx.loaders.alertRule.load(alert.ruleId);
  }
}
