import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's `User`: channels only knows its id, and adds `User.channels`. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}

export const userRef = (id: string | null): UserRef | null => (id ? { id } : null);

export const userReference = {
  User: { __resolveReference: (ref: UserRef): UserRef => ({ id: ref.id }) },
};
