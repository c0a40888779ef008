import { randomUUID } from 'node:crypto';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { UuidPrimaryKey } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';

/** An account at an OpenID Connect provider (its `sub`, stable there) that signs in as one of our users. */
@ObjectType({ description: 'A provider account that signs in as this user (OpenID Connect).' })
@Entity({ tableName: 'linked_identities' })
@Unique({ properties: ['provider', 'subject'] })
@Index({ properties: ['userId'] })
export class LinkedIdentity {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Field(() => String, { description: 'The provider id (`oidcProviders`).' })
  @Property({ type: 'string', length: 32 })
  provider: string;

  @Property({ type: 'string', length: 255 })
  subject: string;

  @Property({ type: 'uuid' })
  userId: string;

  @Field(() => String, { nullable: true, description: 'The address the provider gave when it was linked.' })
  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'The last sign-in through it.' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
