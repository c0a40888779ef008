import { PAGE_LIST_SIZE } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ChannelsContext } from '../../context.js';
import { ChannelsArgs } from '../channel/channel.inputs.js';
import { ChannelConnection } from '../channel/channel.types.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class UserChannelsResolver {
  /** Yours in full; someone else's only where you are a member too (ADMIN sees them all). */
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => ChannelConnection)
  channels(@Root() user: UserRef, @Args(() => ChannelsArgs) args: ChannelsArgs, @Ctx() ctx: ChannelsContext) {
    return ctx.services.channels.list(ctx.user, { ...args, memberId: user.id });
  }
}
