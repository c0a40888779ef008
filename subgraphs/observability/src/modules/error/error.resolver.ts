import { PAGE_LIST_SIZE } from '@trae/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { ObservabilityContext } from '../../context.js';
import { readableOwner } from '../access/log-access.js';
import { ErrorGroupConnection, ErrorsArgs } from './error.inputs.js';
import { ErrorGroup } from './error-group.entity.js';

@Resolver(() => ErrorGroup)
export class ErrorResolver {
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => ErrorGroupConnection, {
    description:
      'Error groups, most recently seen first. A user sees the groups their own requests hit, with their own occurrences, message and sample; stacks are for admins.',
  })
  errors(@Args(() => ErrorsArgs) args: ErrorsArgs, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.list({ ...args, owner: readableOwner(ctx.user) });
  }

  @Authorized('ADMIN')
  @Mutation(() => ErrorGroup, { description: 'Marks a group resolved; it reopens if it happens again.' })
  resolveError(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.resolve(id, ctx.user);
  }

  @Authorized('ADMIN')
  @Mutation(() => ErrorGroup, { description: 'Opens a resolved group again by hand.' })
  reopenError(@Arg('id', () => ID) id: string, @Ctx() ctx: ObservabilityContext) {
    return ctx.services.errors.reopen(id);
  }

  /** A stack names files, lines and libraries of the server: internals, so only an ADMIN reads it. */
  @FieldResolver(() => String, { nullable: true })
  stackTrace(@Root() group: ErrorGroup, @Ctx() ctx: ObservabilityContext): string | null {
    return ctx.user.role === 'ADMIN' ? group.stackTrace : null;
  }
}
