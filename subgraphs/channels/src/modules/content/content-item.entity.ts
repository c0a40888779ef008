import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@trae/kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ContentKind, ContentStatus } from './content.enums.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: "A piece of a channel's content: written by an editor or drafted by an agent." })
@Entity({ tableName: 'content_items' })
@Index({ properties: ['channelId', 'createdAt', 'id'] })
export class ContentItem {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  channelId: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title: string;

  @Field(() => String)
  @Property({ type: 'text' })
  body: string;

  @Field(() => ContentKind)
  @Property({ type: 'string', length: 16 })
  kind: ContentKind;

  @Field(() => ContentStatus)
  @Property({ type: 'string', length: 16 })
  status: ContentStatus = 'DRAFT';

  /** The content task that drafted it; unique, which is what makes a redelivered event harmless. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  sourceTaskId: string | null = null;

  /** Null when an agent drafted it. */
  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  approvedBy: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  approvedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}
