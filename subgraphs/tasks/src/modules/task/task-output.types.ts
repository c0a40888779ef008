import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "A piece of the text a task's model is writing. Pieces of one attempt follow each other without gap or overlap: `offset` is where `text` starts in the attempt's output.",
})
export class TaskOutput {
  @Field(() => ID)
  taskId: string;

  @Field(() => Int, { description: 'The attempt that writes it; a retry starts the text again at offset 0.' })
  attempt: number;

  @Field(() => Int, { description: "Where `text` starts, in characters of the attempt's output." })
  offset: number;

  @Field()
  text: string;

  @Field({ description: 'The output is complete (its task ended); the subscription ends with this piece.' })
  done: boolean;
}
