import type { BaseContext } from '@trae/kit';
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
}

export interface ObservabilityContext extends BaseContext {
  services: ObservabilityServices;
}

export const observabilityContext =
  (services: ObservabilityServices) =>
  (base: BaseContext): ObservabilityContext => ({ ...base, services });
