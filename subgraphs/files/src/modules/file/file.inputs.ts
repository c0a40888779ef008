import { PageArgs } from '@trae/kit';
import { SafeIntResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { FileStatus } from './file.enums.js';

@InputType()
export class CreateUploadInput {
  @Field(() => String, { description: 'Shown to users and offered on download; a plain name, not a path.' })
  filename: string;

  @Field(() => String, { description: 'MIME type; must be allowed, and the bytes must prove it.' })
  contentType: string;

  @Field(() => SafeIntResolver, { description: 'Exact length in bytes; the upload must send exactly this.' })
  size: number;

  @Field(() => ID, { nullable: true, description: 'Share with a channel (needs EDITOR or OWNER there).' })
  channelId?: string;
}

@ArgsType()
export class FileListArgs extends PageArgs() {
  @Field(() => String, { nullable: true, description: 'Part of the filename, any case.' })
  search?: string;

  @Field(() => FileStatus, { nullable: true, description: 'Default READY.' })
  status?: FileStatus;
}

@ArgsType()
export class FilesArgs extends FileListArgs {
  @Field(() => ID, { nullable: true, description: "A channel's files (members only); without it, your own." })
  channelId?: string;
}
