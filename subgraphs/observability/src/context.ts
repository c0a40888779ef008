import type { BaseContext } from '@trae/kit';
import type { Live } from './live.js';
import type { ErrorService } from './modules/errors/error.service.js';
import type { HealthService } from './modules/health/health.service.js';
import type { LogService } from './modules/logs/log.service.js';
import type { MetricService } from './modules/metrics/metric.service.js';

export interface ObservabilityServices {
  logs: LogService;
  errors: ErrorService;
  metrics: MetricService;
  health: HealthService;
  live: Live;
}

export interface ObservabilityContext extends BaseContext {
  services: ObservabilityServices;
}

export const observabilityContext =
  (services: ObservabilityServices) =>
  (base: BaseContext): ObservabilityContext => ({ ...base, services });
