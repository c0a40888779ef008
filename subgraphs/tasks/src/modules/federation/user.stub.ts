import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity owns `User`; this subgraph only knows its id and adds `tasks`. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}
