import { PAGE_LIST_SIZE } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilesContext } from '../../context.js';
import { FileListArgs } from '../file/file.inputs.js';
import { FileConnection } from '../file/file.types.js';
import { ChannelRef } from './channel.stub.js';

@Resolver(() => ChannelRef)
export class ChannelFilesResolver {
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => FileConnection, { nullable: true, description: "The channel's files; members only." })
  async files(
    @Root() channel: ChannelRef,
    @Args(() => FileListArgs) args: FileListArgs,
    @Ctx() ctx: FilesContext,
  ) {
    await ctx.access.requireChannelReader(channel.id);
    return ctx.services.files.list({ channelId: channel.id }, args);
  }
}
