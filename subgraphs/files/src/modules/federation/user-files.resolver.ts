import { PAGE_LIST_SIZE, requireSelfOrAdmin } from '@trae/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import type { FilesContext } from '../../context.js';
import { FileListArgs } from '../file/file.inputs.js';
import { FileConnection } from '../file/file.types.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class UserFilesResolver {
  @FieldResolver(() => String, {
    description: 'The chosen avatar image, or a generated identicon; always a URL on the gateway origin.',
  })
  async avatarUrl(@Root() user: UserRef, @Ctx() ctx: FilesContext): Promise<string> {
    return ctx.services.avatars.url(user.id, await ctx.loaders.avatar.load(user.id));
  }

  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => FileConnection, {
    nullable: true,
    description: "The user's files: for them and admins.",
  })
  files(@Root() user: UserRef, @Args(() => FileListArgs) args: FileListArgs, @Ctx() ctx: FilesContext) {
    requireSelfOrAdmin(ctx.user, user.id, 'Only the user and admins see their files');
    return ctx.services.files.list({ ownerId: user.id }, args);
  }

  @Authorized()
  @Mutation(() => UserRef, {
    description:
      'Makes one of your READY images (png, jpeg, gif, webp; <= 5 MiB) your avatar, visible to anyone.',
  })
  async setAvatar(@Arg('fileId', () => ID) fileId: string, @Ctx() ctx: FilesContext): Promise<UserRef> {
    await ctx.services.avatars.set(ctx.access, fileId);
    return { id: ctx.user.id! };
  }

  @Authorized()
  @Mutation(() => UserRef, { description: 'Back to the generated identicon.' })
  async removeAvatar(@Ctx() ctx: FilesContext): Promise<UserRef> {
    await ctx.services.avatars.remove(ctx.user.id!);
    return { id: ctx.user.id! };
  }
}
