import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UuidPrimaryKey } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../user/user.enums.js';

/** A long-lived credential for agents and scripts. Only its sha256 is stored; the secret is shown once. */
@ObjectType()
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  name: string;

  @Field(() => Role)
  @Property({ type: 'string', length: 16 })
  role: Role;

  /** The first characters of the secret, so a user can tell keys apart. */
  @Field(() => String)
  @Property({ type: 'string', length: 16 })
  prefix: string;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;

  @CreatedAt()
  createdAt: Date = new Date();
}
