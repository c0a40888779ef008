import type { MikroORM } from '@mikro-orm/postgresql';
import {
  afterCursor,
  type ConnectionShape,
  Errors,
  isUuid,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
  toConnection,
} from '@trae/kit';
import { Alert } from './alert.entity.js';
import type { AlertStatus } from './alert.enums.js';
import { AlertsArgs } from './alert.inputs.js';
import { silenceSchema } from './alert.schema.js';
import { AlertRule } from './alert-rule.entity.js';
import { AlertSilence } from './alert-silence.entity.js';

export interface AlertQuery extends PageQuery {
  status?: AlertStatus | null;
  ruleId?: string | null;
}

const key = (a: Alert) => ({ createdAt: a.startedAt, id: a.id });

/** Alerts (history) and silences, as ADMINs read and manage them. */
export class AlertService {
  constructor(private readonly orm: MikroORM) {}

  /** PENDING and FIRING now, newest first. */
  active(): Promise<Alert[]> {
    return this.orm.em
      .fork()
      .find(Alert, { status: { $ne: 'RESOLVED' } }, { orderBy: { startedAt: 'desc', id: 'desc' } });
  }

  async list(q: AlertQuery): Promise<ConnectionShape<Alert>> {
    const limit = pageSize(q.first, AlertsArgs.size);
    const where: Record<string, unknown> = {};
    if (q.status) where.status = q.status;
    if (q.ruleId) {
      if (!isUuid(q.ruleId)) throw Errors.badInput('ruleId', 'ruleId is not a valid id');
      where.ruleId = q.ruleId;
    }
    const em = this.orm.em.fork();
    const after = afterCursor(q.after, 'startedAt');
    const totalCount = await em.count(Alert, where);
    const rows = await em.find(Alert, after ? { ...where, ...after } : where, {
      orderBy: { startedAt: 'desc', id: 'desc' },
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount, key);
  }

  silences(includeExpired: boolean): Promise<AlertSilence[]> {
    const where = includeExpired ? {} : { endsAt: { $gt: new Date() } };
    return this.orm.em
      .fork()
      .find(AlertSilence, where, { orderBy: { endsAt: 'desc', id: 'desc' }, limit: 500 });
  }

  async silence(
    user: Principal,
    args: { ruleId?: string | null; durationSeconds: number; reason: string },
  ): Promise<AlertSilence> {
    const s = parseInput(silenceSchema, args);
    const em = this.orm.em.fork();
    if (s.ruleId && !(await em.findOne(AlertRule, { id: s.ruleId }, { fields: ['id'] })))
      throw Errors.badInput('ruleId', 'ruleId: no such alert rule');
    const now = new Date();
    const silence = Object.assign(new AlertSilence(), {
      ruleId: s.ruleId ?? null,
      reason: s.reason,
      createdBy: user.id ?? null,
      startsAt: now,
      endsAt: new Date(now.getTime() + s.durationSeconds * 1000),
    });
    await em.persist(silence).flush();
    return silence;
  }

  /** Ends it now; one already over keeps its end. */
  async expire(id: string): Promise<AlertSilence> {
    const em = this.orm.em.fork();
    const silence = isUuid(id) ? await em.findOne(AlertSilence, { id }) : null;
    if (!silence) throw Errors.notFound('Alert silence');
    const now = new Date();
    if (silence.endsAt > now) {
      silence.endsAt = silence.startsAt > now ? silence.startsAt : now;
      await em.flush();
    }
    return silence;
  }
}
