import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** channels owns `Channel`; this subgraph only knows its id and adds `tasks`. */
@Directive('@key(fields: "id")')
@ObjectType('Channel')
export class ChannelRef {
  @Field(() => ID)
  id: string;
}
