import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One signed-in login: a refresh-token family (its id is the family's, the `sid` of its access tokens),
 * with where it was last used from. Ending it revokes the family and its access tokens.
 */
@ObjectType('Session', { description: 'A place you are signed in: a browser, an app, a script.' })
@Entity({ tableName: 'sessions' })
@Index({ properties: ['userId', 'createdAt', 'id'] })
export class UserSession {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'uuid' })
  userId: string;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent?: string | null;

  @Field(() => String, { nullable: true, description: 'The client address it was last used from.' })
  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;

  @Field(() => Date, { description: 'When it signed in.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When it last signed in or refreshed its token.' })
  @Property({ type: 'datetime' })
  lastUsedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;
}
