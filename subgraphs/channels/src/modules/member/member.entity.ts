import { randomUUID } from 'node:crypto';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';
import { ChannelRole } from './member.enums.js';

@ObjectType({ description: "A user's role in one channel." })
@Entity({ tableName: 'channel_members' })
@Unique({ properties: ['channelId', 'userId'] })
export class ChannelMember {
  @UuidPrimaryKey()
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

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}
