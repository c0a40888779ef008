import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { readableOwner } from '../../access.js';
import type { ObservabilityContext } from '../../context.js';
import { ErrorGroupConnection, ErrorsArgs } from './error.inputs.js';
import { ErrorGroup } from './error-group.entity.js';

@Resolver(() => ErrorGroup)
export class ErrorResolver {
  @Authorized()
  @Query(() => ErrorGroupConnection, {
    description:
      'Error groups, most recently seen first. A user sees the groups their own requests hit, with their own occurrences, message, stack and sample.',
  })
  errors(@Args(() => ErrorsArgs) args: ErrorsArgs, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.list({ ...args, owner: readableOwner(ctx.user) });
  }

  @Authorized('ADMIN')
  @Mutation(() => ErrorGroup, { description: 'Marks a group resolved; it reopens if it happens again.' })
  resolveError(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.resolve(id, ctx.user);
  }
}
