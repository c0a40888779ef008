import { z } from 'zod';
import { METRIC_NAMES } from './metric-names.js';

const STEP = { error: 'must be a whole number of seconds from 1 to 86400' };

/**
 * What `metricSeries` arguments must be beyond their GraphQL types; the range rules (order, retention,
 * points) depend on the clock and the settings, so the service checks those.
 */
export const seriesSchema = z.object({
  name: z.string().refine((name) => METRIC_NAMES.has(name), {
    error: `unknown metric; one of ${[...METRIC_NAMES].join(', ')}`,
  }),
  service: z.string().max(64, { error: 'must be at most 64 characters' }).nullish(),
  from: z.date().nullish(),
  to: z.date().nullish(),
  step: z.number().int(STEP).min(1, STEP).max(86_400, STEP).nullish(),
});
