import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Errors, isUuid, parseInput } from '@trae/kit';
import { Alert } from './alert.entity.js';
import { type AlertRuleFields, alertRuleSchema } from './alert.schema.js';
import type { AlertChangeSink } from './alert-notifier.js';
import { AlertRule } from './alert-rule.entity.js';
import { activeSilences } from './alert-silence.entity.js';
import { DEFAULT_RULES } from './default-rules.js';

/** Rules as ADMINs define them; their state is the evaluator's. */
export class AlertRuleService {
  constructor(
    private readonly orm: MikroORM,
    private readonly changes: AlertChangeSink,
  ) {}

  /** Adds the shipped rules not there yet; one already there (edited or not) is left alone. */
  async seed(): Promise<void> {
    const now = Date.now();
    // A millisecond apart, so the list shows them in the order they are written.
    const rows = DEFAULT_RULES.map(({ key, ...fields }, i) =>
      Object.assign(new AlertRule(), { ...fields, builtinKey: key, createdAt: new Date(now + i) }),
    );
    await this.orm.em.fork().upsertMany(AlertRule, rows, {
      onConflictFields: ['builtinKey'],
      onConflictAction: 'ignore',
    });
  }

  async list(): Promise<AlertRule[]> {
    const em = this.orm.em.fork();
    return this.withSilences(
      em,
      await em.find(AlertRule, {}, { orderBy: { createdAt: 'asc', name: 'asc' } }),
    );
  }

  async get(id: string): Promise<AlertRule | null> {
    if (!isUuid(id)) return null;
    const em = this.orm.em.fork();
    const rule = await em.findOne(AlertRule, { id });
    return rule && (await this.withSilences(em, [rule]))[0];
  }

  /** For `Alert.rule`, batched by the request's loader. */
  byIds(ids: readonly string[]): Promise<AlertRule[]> {
    const wanted = ids.filter(isUuid);
    const em = this.orm.em.fork();
    return wanted.length
      ? em.find(AlertRule, { id: { $in: wanted } }).then((r) => this.withSilences(em, r))
      : Promise.resolve([]);
  }

  async create(input: unknown): Promise<AlertRule> {
    const fields = normalize(parseInput(alertRuleSchema, input, 'input'));
    const em = this.orm.em.fork();
    const rule = Object.assign(new AlertRule(), fields);
    await em.persist(rule).flush();
    return rule;
  }

  /** Replaces the definition; the state goes on (the next evaluation applies the new threshold). */
  async update(id: string, input: unknown): Promise<AlertRule> {
    const fields = normalize(parseInput(alertRuleSchema, input, 'input'));
    const em = this.orm.em.fork();
    const rule = await this.find(em, id);
    // A built-in rule stays what it is (the Prometheus export maps it): its threshold and timing are the ADMIN's.
    if (rule.builtIn && fields.kind !== rule.kind)
      throw Errors.badInput('input.kind', 'input.kind: a built-in rule keeps its kind');
    em.assign(rule, { ...fields, updatedAt: new Date() });
    await em.flush();
    return (await this.withSilences(em, [rule]))[0];
  }

  /** A disabled rule's open alert is resolved by the next evaluation. */
  async setEnabled(id: string, enabled: boolean): Promise<AlertRule> {
    const em = this.orm.em.fork();
    const rule = await this.find(em, id);
    if (rule.enabled !== enabled) {
      Object.assign(rule, { enabled, updatedAt: new Date() });
      await em.flush();
    }
    return (await this.withSilences(em, [rule]))[0];
  }

  /** Its history stays; an open alert of it is resolved now (and said so where its FIRING went). */
  async remove(id: string): Promise<boolean> {
    const [rule, open] = await this.orm.em.fork().transactional(async (em) => {
      // The evaluator's lock: a run under way finishes first, so its alert of the rule is seen here.
      const rule = await this.find(em, id, LockMode.PESSIMISTIC_WRITE);
      if (rule.builtIn) throw Errors.badInput('id', 'A built-in rule cannot be deleted; disable it instead');
      const open = rule.alertId ? await em.findOne(Alert, { id: rule.alertId }) : null;
      if (open)
        Object.assign(open, { status: 'RESOLVED', resolvedAt: new Date(), summary: 'The rule was deleted' });
      em.remove(rule);
      return [rule, open] as const;
    });
    if (open) await this.changes.changed(open, rule, open.notified);
    return true;
  }

  private async find(em: EntityManager, id: string, lockMode?: LockMode): Promise<AlertRule> {
    const rule = isUuid(id) ? await em.findOne(AlertRule, { id }, { lockMode }) : null;
    if (!rule) throw Errors.notFound('Alert rule');
    return rule;
  }

  /** Fills `silencedUntil`: the latest end of the active silences covering each rule. */
  private async withSilences(em: EntityManager, rules: AlertRule[]): Promise<AlertRule[]> {
    if (!rules.length) return rules;
    const active = await activeSilences(em, new Date());
    for (const rule of rules) {
      const ends = active.filter((s) => s.covers(rule.id)).map((s) => s.endsAt.getTime());
      rule.silencedUntil = ends.length ? new Date(Math.max(...ends)) : null;
    }
    return rules;
  }
}

/** SERVICE_DOWN has no threshold to compare; 0 says so. */
const normalize = (fields: AlertRuleFields): AlertRuleFields =>
  fields.kind === 'SERVICE_DOWN' ? { ...fields, threshold: 0, comparison: 'ABOVE' } : fields;
