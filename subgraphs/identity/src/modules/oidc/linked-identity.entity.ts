import { randomUUID } from 'node:crypto';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { UuidPrimaryKey } from '@trae/kit';

/** An account at an OpenID Connect provider (its `sub`, stable there) that signs in as one of our users. */
@Entity({ tableName: 'linked_identities' })
@Unique({ properties: ['provider', 'subject'] })
@Index({ properties: ['userId'] })
export class LinkedIdentity {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  provider: string;

  @Property({ type: 'string', length: 255 })
  subject: string;

  @Property({ type: 'uuid' })
  userId: string;

  /** The address the provider gave when it was linked, for the account page and support. */
  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
