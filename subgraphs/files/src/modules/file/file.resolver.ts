import { assertUuid, PAGE_LIST_SIZE } from '@trae/kit';
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
import type { FilesContext } from '../../context.js';
import { ChannelRef } from '../federation/channel.stub.js';
import { UserRef } from '../federation/user.stub.js';
import { File } from './file.entity.js';
import { FileStatus } from './file.enums.js';
import { CreateUploadInput, FilesArgs } from './file.inputs.js';
import type { FileScope } from './file.service.js';
import { FileConnection, StorageUsage, UploadTicket } from './file.types.js';

@Resolver(() => File)
export class FileResolver {
  @Authorized()
  @Query(() => File, {
    nullable: true,
    description: "A file you may read (yours, or your channels'); NOT_FOUND otherwise.",
  })
  file(@Arg('id', () => ID) id: string, @Ctx() ctx: FilesContext): Promise<File> {
    return ctx.services.files.get(ctx.access, id);
  }

  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => FileConnection, { description: "Your files, newest first; or a channel's with `channelId`." })
  async files(@Args(() => FilesArgs) args: FilesArgs, @Ctx() ctx: FilesContext) {
    let scope: FileScope = { ownerId: ctx.user.id! };
    if (args.channelId) {
      assertUuid('channelId', args.channelId);
      await ctx.access.requireChannelReader(args.channelId);
      scope = { channelId: args.channelId };
    }
    return ctx.services.files.list(scope, args);
  }

  @Authorized()
  @Query(() => StorageUsage)
  storageUsage(@Ctx() ctx: FilesContext): Promise<StorageUsage> {
    return ctx.services.uploads.usage(ctx.user.id!);
  }

  @Authorized()
  @Mutation(() => UploadTicket, { description: 'Reserves a file and returns where to send its bytes.' })
  createUpload(@Arg('input', () => CreateUploadInput) input: CreateUploadInput, @Ctx() ctx: FilesContext) {
    return ctx.services.uploads.createUpload(ctx.access, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Owners (and admins) only. The bytes go when no other file shares them.',
  })
  async deleteFile(@Arg('id', () => ID) id: string, @Ctx() ctx: FilesContext): Promise<boolean> {
    await ctx.services.files.delete(ctx.access, id);
    return true;
  }

  @FieldResolver(() => UserRef)
  owner(@Root() file: File): UserRef {
    return { id: file.ownerId };
  }

  @FieldResolver(() => ChannelRef, { nullable: true })
  channel(@Root() file: File): ChannelRef | null {
    return file.channelId ? { id: file.channelId } : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Signed and expiring; supports Range. Null until the file is READY.',
  })
  downloadUrl(@Root() file: File, @Ctx() ctx: FilesContext): string | null {
    if (file.status !== FileStatus.READY) return null;
    return ctx.services.signer.downloadUrl(file.id, ctx.services.downloadTtlSeconds).url;
  }
}
