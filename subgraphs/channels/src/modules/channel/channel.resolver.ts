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
import type { ChannelsContext } from '../../context.js';
import { ContentItemsArgs } from '../content/content.inputs.js';
import { ContentItemConnection } from '../content/content.types.js';
import { UserRef } from '../federation/user.stub.js';
import { ChannelRole } from '../member/member.enums.js';
import { ChannelMemberConnection } from '../member/member.types.js';
import { Channel } from './channel.entity.js';
import { ChannelsArgs, CreateChannelInput, MembersArgs, UpdateChannelInput } from './channel.inputs.js';
import { ChannelConnection } from './channel.types.js';
import { nextRun } from './channel-settings.js';

@Resolver(() => Channel)
export class ChannelResolver {
  @Authorized()
  @Query(() => Channel, {
    nullable: true,
    description: 'Null when it does not exist or you are not a member.',
  })
  channel(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.loaders.channel.load(id);
  }

  @Authorized()
  @Query(() => Channel, { nullable: true })
  channelBySlug(@Arg('slug', () => String) slug: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.channels.getBySlug(ctx.user, slug);
  }

  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => ChannelConnection, { description: 'Channels you are a member of (every channel for ADMIN).' })
  channels(@Args(() => ChannelsArgs) args: ChannelsArgs, @Ctx() ctx: ChannelsContext) {
    return ctx.services.channels.list(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Channel, { description: 'You become its owner.' })
  createChannel(
    @Arg('input', () => CreateChannelInput) input: CreateChannelInput,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.channels.create(ctx.user, input);
  }

  @Authorized()
  @Mutation(() => Channel, { description: 'Owners only.' })
  updateChannel(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateChannelInput) input: UpdateChannelInput,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.channels.update(ctx.user, id, input);
  }

  @Authorized()
  @Mutation(() => Channel, { description: 'Owners only. Soft: restoreChannel undoes it.' })
  archiveChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.channels.archive(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => Channel, { description: 'Owners only. Back to the status it had before archiving.' })
  restoreChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.channels.restore(ctx.user, id);
  }

  @FieldResolver(() => UserRef)
  owner(@Root() channel: Channel): UserRef {
    return { id: channel.ownerId };
  }

  @FieldResolver(() => ChannelRole, {
    nullable: true,
    description: 'Your role here; null for an ADMIN who is not a member.',
  })
  viewerRole(@Root() channel: Channel, @Ctx() ctx: ChannelsContext) {
    return ctx.loaders.role.load(channel.id);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the posting schedule next fires (null when paused).',
  })
  nextPostAt(@Root() channel: Channel): Date | null {
    return channel.status === 'ACTIVE' ? nextRun(channel.settings.postingSchedule) : null;
  }

  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => ChannelMemberConnection)
  members(@Root() channel: Channel, @Args(() => MembersArgs) args: MembersArgs, @Ctx() ctx: ChannelsContext) {
    return ctx.services.members.list(ctx.user, channel.id, args);
  }

  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => ContentItemConnection)
  contentItems(
    @Root() channel: Channel,
    @Args(() => ContentItemsArgs) args: ContentItemsArgs,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.content.list(ctx.user, channel.id, args);
  }
}
