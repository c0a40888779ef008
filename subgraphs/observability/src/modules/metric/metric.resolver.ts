import { ANY_SIGNED_IN } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { MetricSeriesArgs } from './metric.inputs.js';
import { METRICS_TICK, reviveSnapshot } from './metric.service.js';
import { MetricDefinition, MetricPoint, MetricsSnapshot } from './metric.types.js';
import { METRICS } from './metric-names.js';

@Resolver()
export class MetricResolver {
  @Authorized()
  // Priced by its points only (120 a series, as the charts ask): one indexed read, and the dashboard
  // polls a dozen series per page, which a weight per point priced out of a user's minute budget.
  @Directive('@listSize(assumedSize: 120)')
  @Query(() => [MetricPoint], { description: 'A stored series for charts, oldest point first.' })
  metricSeries(@Args(() => MetricSeriesArgs) args: MetricSeriesArgs, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.metrics.series(args);
  }

  /** A fixed list from the code, nothing about anyone: GUEST-scoped keys may read it. */
  @Authorized(...ANY_SIGNED_IN)
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [MetricDefinition], { description: 'The series `metricSeries` serves.' })
  metricNames(): MetricDefinition[] {
    return METRICS;
  }

  @Authorized()
  @Query(() => MetricsSnapshot, { nullable: true, description: 'The latest scrape (null before the first).' })
  latestMetrics(@Ctx() ctx: ObservabilityContext) {
    return ctx.services.metrics.latest();
  }

  @Authorized()
  @Subscription(() => MetricsSnapshot, {
    description: 'Every service and queue, after each scrape (SCRAPE_INTERVAL_MS).',
    subscribe: ({ context }) =>
      (context as ObservabilityContext).services.live.stream(
        'metricsTick',
        METRICS_TICK,
        (s: MetricsSnapshot) => [reviveSnapshot(s)],
      ),
  })
  metricsTick(@Root() snapshot: MetricsSnapshot): MetricsSnapshot {
    return snapshot;
  }
}
