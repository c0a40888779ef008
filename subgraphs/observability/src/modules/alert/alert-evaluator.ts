import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ErrorService } from '../error/error.service.js';
import type { MetricService } from '../metric/metric.service.js';
import { Alert } from './alert.entity.js';
import { evaluate, type Inputs, SERIES_OF, type Verdict } from './alert-conditions.js';
import type { AlertChangeSink } from './alert-notifier.js';
import { AlertRule } from './alert-rule.entity.js';
import { activeSilences } from './alert-silence.entity.js';
import { step, type Transition } from './alert-state.js';

/** How far back an ERROR_GROUP rule looks for new and reopened groups. */
export const ERROR_WINDOW_SECONDS = 600;

export interface EvaluatorOptions {
  /** Samples older than this are no data: a scraper that stopped must not keep an alert up or down. */
  freshMs: number;
}

interface Change {
  alert: Alert;
  rule: AlertRule;
  notify: boolean;
}

/** What a disabled rule sees: nothing holds, and an open alert resolves at once. */
const DISABLED: Verdict = { holds: false, value: null, summary: 'The rule was disabled' };

/**
 * Evaluates every rule (one instance at a time: it runs as a leased job), stores the new states and
 * alerts in one transaction, then hands the changes to the notifications.
 */
export class AlertEvaluator {
  constructor(
    private readonly orm: MikroORM,
    private readonly metrics: MetricService,
    private readonly errors: ErrorService,
    private readonly sink: AlertChangeSink,
    private readonly options: EvaluatorOptions,
  ) {}

  async run(now = new Date()): Promise<number> {
    const changes = await this.orm.em.fork().transactional(async (em) => {
      // Locked until the run commits: a rule deleted meanwhile waits, so no alert of it is left open.
      const rules = await em.find(
        AlertRule,
        {},
        { orderBy: { createdAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!rules.length) return [];
      const [inputs, silences] = await Promise.all([this.inputs(rules, now), activeSilences(em, now)]);
      // The open alerts of every rule in one query, not one per rule.
      const openIds = rules.flatMap((r) => (r.alertId ? [r.alertId] : []));
      const open = openIds.length ? await em.find(Alert, { id: { $in: openIds } }) : [];
      const out: Change[] = [];
      for (const rule of rules) {
        const verdict = rule.enabled ? evaluate(rule, inputs) : DISABLED;
        const alert = open.find((a) => a.id === rule.alertId) ?? null;
        const change = this.apply(
          em,
          rule,
          alert,
          verdict,
          now,
          silences.some((s) => s.covers(rule.id)),
        );
        if (change) out.push(change);
      }
      return out;
    });
    for (const c of changes) await this.sink.changed(c.alert, c.rule, c.notify);
    return changes.length;
  }

  /** Reads only what the enabled rules need. */
  private async inputs(rules: AlertRule[], now: Date): Promise<Inputs> {
    const on = rules.filter((r) => r.enabled);
    const names = new Set<string>();
    for (const r of on)
      if (r.kind === 'METRIC_THRESHOLD') names.add(r.metric ?? '');
      else if (r.kind !== 'ERROR_GROUP') names.add(SERIES_OF[r.kind]);
    const since = new Date(now.getTime() - this.options.freshMs);
    const [samples, errors] = await Promise.all([
      this.metrics.latestSamples([...names], since),
      on.some((r) => r.kind === 'ERROR_GROUP') ? this.errors.bursts(now, ERROR_WINDOW_SECONDS) : [],
    ]);
    return { samples, errors };
  }

  /** `open`: the rule's open alert, if it has one. */
  private apply(
    em: EntityManager,
    rule: AlertRule,
    open: Alert | null,
    verdict: Verdict,
    now: Date,
    silenced: boolean,
  ): Change | null {
    const timing = rule.enabled ? rule : { forSeconds: 0, resolveAfterSeconds: 0 };
    const [clock, t] = step(rule, verdict.holds, now, timing);
    Object.assign(rule, clock, { value: verdict.value, lastEvaluatedAt: now });
    let alert = open;
    if (t.opened || !alert) {
      if (!t.opened) return null;
      alert = Object.assign(new Alert(), {
        ruleId: rule.id,
        name: rule.name,
        severity: rule.severity,
        status: 'PENDING',
        summary: verdict.summary,
        startedAt: now,
      });
      em.persist(alert);
      rule.alertId = alert.id;
    }
    Object.assign(alert, { summary: verdict.summary, value: verdict.value });
    if (!changed(t)) return null;
    alert.silenced = silenced;
    if (t.fired) Object.assign(alert, { status: 'FIRING', firingAt: now, notified: !silenced });
    if (t.resolved || t.dropped) {
      Object.assign(alert, { status: 'RESOLVED', resolvedAt: now });
      rule.alertId = null;
    }
    // A RESOLVED goes where its FIRING went, unless a silence now covers the rule.
    const notify = t.fired ? !silenced : t.resolved && alert.notified && !silenced;
    return { alert, rule, notify };
  }
}

const changed = (t: Transition) => t.opened || t.fired || t.resolved || t.dropped;
