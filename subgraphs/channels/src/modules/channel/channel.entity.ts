import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@trae/kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ChannelPlatform, ChannelStatus } from './channel.enums.js';
import { ChannelSettings } from './channel-settings.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A content destination the agents work for: a YouTube channel, a blog, ...' })
@Entity({ tableName: 'channels' })
@Index({ properties: ['createdAt', 'id'] })
export class Channel {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name: string;

  @Field(() => String, { description: 'Unique, made from the name when the channel is created.' })
  @Property({ type: 'string', length: 80, unique: true })
  slug: string;

  @Field(() => ChannelPlatform)
  @Property({ type: 'string', length: 16 })
  platform: ChannelPlatform;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => ChannelStatus)
  @Property({ type: 'string', length: 16 })
  status: ChannelStatus = 'ACTIVE';

  @Field(() => ChannelSettings)
  @Property({ type: 'json' })
  settings: ChannelSettings;

  /** The primary owner (tasks from the schedule run as them); `owner` resolves it through identity. */
  @Index()
  @Property({ type: 'uuid' })
  ownerId: string;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  archivedAt: Date | null = null;

  /** What restoring an archived channel goes back to. */
  @Property({ type: 'string', length: 16, nullable: true })
  statusBeforeArchive: ChannelStatus | null = null;
}
