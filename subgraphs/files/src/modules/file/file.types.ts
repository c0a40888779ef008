import { Connection } from '@trae/kit';
import { SafeIntResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { File } from './file.entity.js';

export const FileConnection = Connection(File);

@ObjectType({
  description: 'Where to send the bytes of a new file: PUT the raw body, or POST multipart (field `file`).',
})
export class UploadTicket {
  @Field(() => File, { description: 'PENDING until the bytes are stored, then READY.' })
  file: File;

  @Field(() => String, { description: 'Signed, on the gateway origin; works once, until `expiresAt`.' })
  uploadUrl: string;

  @Field(() => Date)
  expiresAt: Date;
}

@ObjectType({ description: "The caller's storage: what is used, and the limits an upload must fit." })
export class StorageUsage {
  @Field(() => SafeIntResolver, {
    description: 'Bytes of stored files, uploads in progress and open tickets.',
  })
  usedBytes: number;

  @Field(() => SafeIntResolver)
  quotaBytes: number;

  @Field(() => SafeIntResolver)
  maxFileBytes: number;

  @Field(() => Int)
  fileCount: number;

  @Field(() => [String])
  allowedTypes: string[];
}
