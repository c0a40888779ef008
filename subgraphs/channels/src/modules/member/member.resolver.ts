import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { ChannelsContext } from '../../context.js';
import { Channel } from '../channel/channel.entity.js';
import { UserRef } from '../federation/user.stub.js';
import { ChannelMember } from './member.entity.js';
import { ChannelRole } from './member.enums.js';

@Resolver(() => ChannelMember)
export class MemberResolver {
  @Authorized()
  @Mutation(() => ChannelMember, { description: 'Owners only. The user must exist and not be a member yet.' })
  addChannelMember(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => ChannelRole) role: ChannelRole,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.members.add(ctx.user, channelId, userId, role, ctx.requestId);
  }

  @Authorized()
  @Mutation(() => ChannelMember, { description: 'Owners only. The last owner cannot be demoted.' })
  setChannelMemberRole(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => ChannelRole) role: ChannelRole,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.members.setRole(ctx.user, channelId, userId, role);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Owners remove anyone; members may leave. The last owner cannot go.',
  })
  removeChannelMember(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.members.remove(ctx.user, channelId, userId);
  }

  @FieldResolver(() => UserRef)
  user(@Root() member: ChannelMember): UserRef {
    return { id: member.userId };
  }

  @FieldResolver(() => Channel)
  channel(@Root() member: ChannelMember, @Ctx() ctx: ChannelsContext) {
    return ctx.loaders.channel.load(member.channelId);
  }
}
