import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { ChannelRole } from './member.enums.js';

@ObjectType({ description: "A user's role in one channel." })
@Entity({ tableName: 'channel_members' })
@Unique({ properties: ['channelId', 'userId'] })
export class ChannelMember {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  channelId: string;

  @Index()
  @Property({ type: 'uuid' })
  userId: string;

  @Field(() => ChannelRole)
  @Property({ type: 'string', length: 16 })
  role: ChannelRole;

  @Property({ type: 'uuid', nullable: true })
  addedBy: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
