import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { UsageArgs, UsageDay } from './usage.types.js';

@Resolver()
export class UsageResolver {
  @Authorized('USER', 'AGENT')
  @Query(() => [UsageDay], {
    description:
      'Language-model tokens and estimated cost per day, agent and model: your own (anyone’s for ADMIN).',
  })
  usage(@Args(() => UsageArgs) args: UsageArgs, @Ctx() ctx: TasksContext) {
    return ctx.services.usage.days(ctx.user, args);
  }
}
