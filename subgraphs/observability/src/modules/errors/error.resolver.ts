import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { ErrorGroupConnection, ErrorsArgs } from './error.inputs.js';
import { ErrorGroup } from './error-group.entity.js';

@Resolver(() => ErrorGroup)
export class ErrorResolver {
  @Authorized()
  @Query(() => ErrorGroupConnection, { description: 'Error groups, most recently seen first.' })
  errors(@Args(() => ErrorsArgs) args: ErrorsArgs, @Ctx() ctx: ObservabilityContext) {
    const services = ctx.services.access.services(ctx.user, args.service);
    return ctx.services.errors.list({ ...args, services });
  }

  @Authorized('ADMIN')
  @Mutation(() => ErrorGroup, { description: 'Marks a group resolved; it reopens if it happens again.' })
  resolveError(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.resolve(id, ctx.user);
  }
}
