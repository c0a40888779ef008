import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UuidPrimaryKey } from '@trae/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { AuditEventType } from './audit.enums.js';

@ObjectType({ description: 'Something security-relevant that happened, kept for admins.' })
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['createdAt', 'id'] })
export class AuditEvent {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Field(() => AuditEventType)
  @Index()
  @Property({ type: 'string', length: 32 })
  type: AuditEventType;

  @Field(() => ID, { nullable: true, description: 'Who did it (null when anonymous).' })
  @Property({ type: 'uuid', nullable: true })
  actorId?: string;

  @Field(() => ID, { nullable: true, description: 'The account it concerns.' })
  @Index()
  @Property({ type: 'uuid', nullable: true })
  subjectId?: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string;

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  @CreatedAt()
  createdAt: Date = new Date();
}
