import { PAGE_LIST_SIZE, requireSelfOrAdmin } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { TaskConnection, TaskPageArgs } from '../task/task.inputs.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class UserTasksResolver {
  @Authorized('USER', 'AGENT')
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => TaskConnection, {
    description: 'Tasks this user created (the user themself or ADMIN).',
  })
  tasks(@Root() user: UserRef, @Args(() => TaskPageArgs) args: TaskPageArgs, @Ctx() ctx: TasksContext) {
    requireSelfOrAdmin(ctx.user, user.id, 'Only you and admins see your tasks');
    return ctx.services.tasks.list(ctx.user, { ...args, createdBy: user.id });
  }
}
