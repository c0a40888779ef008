import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID } from 'type-graphql';

/**
 * The columns most entities share, each one decorator for both sides: the MikroORM column and the
 * GraphQL field. Used in place, so a type's fields keep the order its class declares them in.
 */
type Decorate = (target: object, property: string) => void;

const both =
  (...decorators: Decorate[]): Decorate =>
  (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };

/** `id: ID!`, a uuid primary key (give it `= randomUUID()`). */
export const UuidPrimaryKey = () =>
  both(
    PrimaryKey({ type: 'uuid' }),
    Field(() => ID),
  );

/** `createdAt: DateTime!`, set once when the row is made (give it `= new Date()`). */
export const CreatedAt = () =>
  both(
    Property({ type: 'datetime' }),
    Field(() => Date),
  );

/** `updatedAt: DateTime!`, moved on by every flush that changes the row (give it `= new Date()`). */
export const UpdatedAt = () =>
  both(
    Property({ type: 'datetime', onUpdate: () => new Date() }),
    Field(() => Date),
  );
