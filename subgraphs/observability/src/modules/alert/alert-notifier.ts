import { appendEvent, type Logger, type Mailer } from '@trae/kit';
import type { Redis } from 'ioredis';
import type { Live } from '../live/live.js';
import type { Alert } from './alert.entity.js';
import type { AlertSeverity, AlertStatus } from './alert.enums.js';
import { alertMail } from './alert-mail.js';
import type { AlertRule } from './alert-rule.entity.js';

/** The live topic of `alertChanged`. */
export const ALERT_CHANGED = 'alert.changed';
/** The webhooks service sends these to ADMIN endpoints (its outbound-events.ts). */
export const ALERTS_STREAM = 'events:alerts';

/** What `alert.firing` / `alert.resolved` carry, and what the email is made of. */
export interface AlertEvent {
  alertId: string;
  ruleId: string;
  name: string;
  severity: AlertSeverity;
  status: AlertStatus;
  summary: string;
  value: number | null;
  startedAt: string;
  firingAt: string | null;
  resolvedAt: string | null;
  silenced: boolean;
}

/** Where an alert's changes go; `notify` is false for a change that sends no email or webhook. */
export interface AlertChangeSink {
  changed(alert: Alert, rule: Pick<AlertRule, 'notify'>, notify: boolean): Promise<void>;
}

export const toEvent = (a: Alert): AlertEvent => ({
  alertId: a.id,
  ruleId: a.ruleId,
  name: a.name,
  severity: a.severity,
  status: a.status,
  summary: a.summary,
  value: a.value,
  startedAt: a.startedAt.toISOString(),
  firingAt: a.firingAt?.toISOString() ?? null,
  resolvedAt: a.resolvedAt?.toISOString() ?? null,
  silenced: a.silenced,
});

/**
 * Every change goes to the dashboard (`alertChanged`, through Redis to every instance); FIRING and
 * RESOLVED that are not silenced also go to the webhook stream and by email, as the rule's `notify`
 * says. Best effort after the change is stored: a failure is logged, never undoes it.
 */
export class AlertNotifications implements AlertChangeSink {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly live: Live,
    private readonly redis: Redis,
    private readonly mail: { mailer: Mailer; to: string[] } | null,
    private readonly logger: Logger,
  ) {}

  async changed(alert: Alert, rule: Pick<AlertRule, 'notify'>, notify: boolean): Promise<void> {
    const event = toEvent(alert);
    await this.live.publish(ALERT_CHANGED, event).catch((err) => this.failed(err, event, 'dashboard'));
    if (!notify || event.status === 'PENDING') return;
    if (rule.notify.includes('WEBHOOK')) {
      const type = event.status === 'FIRING' ? 'alert.firing' : 'alert.resolved';
      await appendEvent(this.redis, ALERTS_STREAM, type, event).catch((err) =>
        this.failed(err, event, 'webhook'),
      );
    }
    if (rule.notify.includes('EMAIL') && this.mail) {
      const { mailer, to } = this.mail;
      // Off the evaluation's path: a slow mail server must not hold the next evaluation.
      for (const address of to)
        this.track(
          mailer.send(alertMail(address, event)).then(
            () => undefined,
            (err) => this.failed(err, event, 'email'),
          ),
        );
    }
  }

  /** Waits for the emails under way (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
  }

  private track(p: Promise<void>) {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private failed(err: unknown, event: AlertEvent, channel: string) {
    this.logger.warn({ err, alertId: event.alertId, channel }, 'alert notification not sent');
  }
}
