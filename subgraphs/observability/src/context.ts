import { type BaseContext, byIdLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { AlertService } from './modules/alert/alert.service.js';
import type { AlertRule } from './modules/alert/alert-rule.entity.js';
import type { AlertRuleService } from './modules/alert/alert-rule.service.js';
import type { ErrorService } from './modules/error/error.service.js';
import type { HealthService } from './modules/health/health.service.js';
import type { Live } from './modules/live/live.js';
import type { LogService } from './modules/log/log.service.js';
import type { MetricService } from './modules/metric/metric.service.js';

export interface ObservabilityServices {
  logs: LogService;
  errors: ErrorService;
  metrics: MetricService;
  health: HealthService;
  live: Live;
  alertRules: AlertRuleService;
  alerts: AlertService;
}

export interface ObservabilityContext extends BaseContext {
  services: ObservabilityServices;
  loaders: {
    /** `Alert.rule` for a list of alerts in one query. */
    alertRule: DataLoader<string, AlertRule | null>;
  };
}

export const observabilityContext =
  (services: ObservabilityServices) =>
  (base: BaseContext): ObservabilityContext => ({
    ...base,
    services,
    loaders: { alertRule: byIdLoader((ids) => services.alertRules.byIds(ids)) },
  });
