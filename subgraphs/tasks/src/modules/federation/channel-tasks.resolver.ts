import { PAGE_LIST_SIZE } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { TaskConnection, TaskPageArgs } from '../task/task.inputs.js';
import { ChannelRef } from './channel.stub.js';

@Resolver(() => ChannelRef)
export class ChannelTasksResolver {
  @Authorized('USER', 'AGENT')
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => TaskConnection, {
    description: 'The channel’s tasks that the caller may see (their own; all for ADMIN).',
  })
  tasks(@Root() channel: ChannelRef, @Args(() => TaskPageArgs) args: TaskPageArgs, @Ctx() ctx: TasksContext) {
    return ctx.services.tasks.list(ctx.user, { ...args, channelId: channel.id });
  }
}
