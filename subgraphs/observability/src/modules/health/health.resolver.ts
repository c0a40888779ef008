import { ANY_SIGNED_IN } from '@trae/kit';
import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { HISTORY_POINTS } from './health.service.js';
import { ComponentHealth, HealthSample, SystemHealth } from './health.types.js';

@Resolver(() => ComponentHealth)
export class HealthResolver {
  /** Open to GUEST-scoped keys: the gateway's public /health shows the same statuses. */
  @Authorized(...ANY_SIGNED_IN)
  @Directive('@cost(weight: 5)')
  @Query(() => SystemHealth, { description: 'Every service, the worker, the database, Redis and the queue.' })
  async systemHealth(@Ctx() ctx: ObservabilityContext): Promise<SystemHealth> {
    const health = await ctx.services.health.current();
    if (ctx.user.role === 'ADMIN') return health;
    // Failure messages name hosts and ports; other users see that a component is down, not where.
    return { ...health, components: health.components.map((c) => ({ ...c, error: null })) };
  }

  @Directive('@listSize(slicingArguments: ["last"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [HealthSample], { description: 'Latest probes, newest first.' })
  history(
    @Root() component: ComponentHealth,
    @Arg('last', () => Int, { defaultValue: 60, description: `At most ${HISTORY_POINTS}.` }) last: number,
    @Ctx() ctx: ObservabilityContext,
  ): HealthSample[] {
    return ctx.services.health.history(component, last);
  }
}
