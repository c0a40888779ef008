import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's `User`, as far as files knows it: the key, plus the fields files adds (`files`, `avatarUrl`). */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}
