import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ChannelsContext } from '../../context.js';
import { Channel } from '../channel/channel.entity.js';
import { TaskRef } from '../federation/task.stub.js';
import { UserRef, userRef } from '../federation/user.stub.js';
import { CreateContentItemInput, UpdateContentItemInput } from './content.inputs.js';
import { ContentItem } from './content-item.entity.js';

@Resolver(() => ContentItem)
export class ContentResolver {
  @Authorized()
  @Query(() => ContentItem, { nullable: true })
  contentItem(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.content.get(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => ContentItem, { description: 'Editors and owners.' })
  createContentItem(
    @Arg('input', () => CreateContentItemInput) input: CreateContentItemInput,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.content.create(ctx.user, input);
  }

  @Authorized()
  @Mutation(() => ContentItem, { description: 'Editors and owners. An approved item becomes a draft again.' })
  updateContentItem(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContentItemInput) input: UpdateContentItemInput,
    @Ctx() ctx: ChannelsContext,
  ) {
    return ctx.services.content.update(ctx.user, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Editors and owners.' })
  deleteContentItem(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.content.delete(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => ContentItem, { description: 'Editors and owners: DRAFT -> APPROVED.' })
  approveContentItem(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.content.approve(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => ContentItem, { description: 'Editors and owners: APPROVED -> PUBLISHED.' })
  publishContentItem(@Arg('id', () => ID) id: string, @Ctx() ctx: ChannelsContext) {
    return ctx.services.content.publish(ctx.user, id);
  }

  @FieldResolver(() => Channel)
  channel(@Root() item: ContentItem, @Ctx() ctx: ChannelsContext) {
    return ctx.loaders.channel.load(item.channelId);
  }

  @FieldResolver(() => TaskRef, { nullable: true, description: 'The agent task that drafted it.' })
  sourceTask(@Root() item: ContentItem): TaskRef | null {
    return item.sourceTaskId ? { id: item.sourceTaskId } : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Null when an agent drafted it.' })
  createdBy(@Root() item: ContentItem): UserRef | null {
    return userRef(item.createdBy);
  }
}
