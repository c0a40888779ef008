import { requireSelfOrAdmin } from '@trae/kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { TaskConnection, TaskPageArgs } from '../task/task.inputs.js';
import { ChannelRef } from './channel.stub.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class UserTasksResolver {
  @Authorized('USER', 'AGENT')
  @FieldResolver(() => TaskConnection, {
    description: 'Tasks this user created (the user themself or ADMIN).',
  })
  tasks(@Root() user: UserRef, @Args(() => TaskPageArgs) args: TaskPageArgs, @Ctx() ctx: TasksContext) {
    requireSelfOrAdmin(ctx.user, user.id, 'Only you and admins see your tasks');
    return ctx.services.tasks.list(ctx.user, { ...args, createdBy: user.id });
  }
}

@Resolver(() => ChannelRef)
export class ChannelTasksResolver {
  @Authorized('USER', 'AGENT')
  @FieldResolver(() => TaskConnection, {
    description: 'The channel’s tasks that the caller may see (their own; all for ADMIN).',
  })
  tasks(@Root() channel: ChannelRef, @Args(() => TaskPageArgs) args: TaskPageArgs, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.list(ctx.user, { ...args, channelId: channel.id });
  }
}

/** Other subgraphs' entities resolve to their key: the fields this subgraph adds need nothing else. */
export const federationReferences = {
  User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  Channel: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
