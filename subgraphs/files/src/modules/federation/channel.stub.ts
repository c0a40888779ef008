import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** channels' `Channel`, as far as files knows it: the key, plus `files`. */
@Directive('@key(fields: "id")')
@ObjectType('Channel')
export class ChannelRef {
  @Field(() => ID)
  id: string;
}
