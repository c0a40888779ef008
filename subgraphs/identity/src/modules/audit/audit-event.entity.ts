import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditEventType {
  REGISTERED = 'REGISTERED',
  LOGIN_SUCCEEDED = 'LOGIN_SUCCEEDED',
  LOGIN_FAILED = 'LOGIN_FAILED',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  LOGOUT = 'LOGOUT',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  ROLE_CHANGED = 'ROLE_CHANGED',
  USER_DISABLED = 'USER_DISABLED',
  USER_ENABLED = 'USER_ENABLED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
}

registerEnumType(AuditEventType, { name: 'AuditEventType' });

@ObjectType({ description: 'Something security-relevant that happened, kept for admins.' })
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['createdAt', 'id'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
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

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
