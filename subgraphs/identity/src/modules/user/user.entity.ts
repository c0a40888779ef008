import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@trae/kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Role } from './user.enums.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person or machine account.' })
@Entity({ tableName: 'users' })
@Index({ properties: ['createdAt', 'id'] })
export class User {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 32 })
  username: string;

  /** Only the user and admins see it; everyone else gets null. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 254 })
  email: string;

  @Property({ type: 'string', hidden: true, lazy: true })
  passwordHash: string;

  @Field(() => String, { nullable: true, description: 'The name shown for the person; null: the username.' })
  @Property({ type: 'string', length: 64, nullable: true })
  displayName?: string | null;

  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt?: Date | null;

  /** An address asked for by `updateProfile`, which replaces `email` once its link is followed. */
  @Field(() => String, {
    nullable: true,
    description: 'An email change waiting for its link to be followed.',
  })
  @Property({ type: 'string', length: 254, nullable: true })
  pendingEmail?: string | null;

  @Field(() => Role)
  @Property({ type: 'string', length: 16 })
  role: Role = 'USER';

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  disabled = false;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date;
}
