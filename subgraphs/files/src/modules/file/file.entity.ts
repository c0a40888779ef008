import { randomUUID } from 'node:crypto';
import { BigIntType } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@trae/kit';
import { SafeIntResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { FileStatus } from './file.enums.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An uploaded file: metadata here, bytes in storage, read through `downloadUrl`.' })
@Entity({ tableName: 'files' })
export class File {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  ownerId: string;

  @Property({ type: 'uuid', nullable: true })
  channelId: string | null = null;

  @Field(() => String, { description: 'Sanitized: no path, no control characters.' })
  @Property({ type: 'string', length: 255 })
  filename: string;

  @Field(() => String, { description: 'Declared at upload and confirmed from the bytes.' })
  @Property({ type: 'string', length: 127 })
  contentType: string;

  @Field(() => SafeIntResolver, { description: 'Bytes.' })
  @Property({ type: new BigIntType('number') })
  size: number;

  @Field(() => String, { nullable: true, description: 'Hex digest of the bytes; set once READY.' })
  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  @Field(() => FileStatus)
  @Property({ type: 'string', length: 16 })
  status: FileStatus = FileStatus.PENDING;

  /** The upload URL stops working then; a ticket still PENDING after it is swept. */
  @Property({ type: 'datetime' })
  uploadExpiresAt: Date;

  /** Refreshed while bytes arrive, so the sweeper can tell a live upload from one whose process died. */
  @Property({ type: 'datetime', nullable: true })
  leaseAt: Date | null = null;

  /** The instance (FILES_INSTANCE_ID) receiving the bytes; it frees its leases when it starts again. */
  @Property({ type: 'string', length: 255, nullable: true })
  leaseOwner: string | null = null;

  /** This attempt's id, also its staging name; only the attempt holding it may publish or release. */
  @Property({ type: 'uuid', nullable: true })
  uploadAttempt: string | null = null;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}
