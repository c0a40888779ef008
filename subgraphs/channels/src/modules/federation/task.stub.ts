import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The tasks subgraph's `Task`, named by id only; the gateway fetches the rest from tasks. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Task')
export class TaskRef {
  @Field(() => ID)
  id: string;
}
