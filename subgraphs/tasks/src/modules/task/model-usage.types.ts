import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Language-model tokens and their estimated cost (from the price table in config).',
})
export class ModelUsage {
  @Field(() => Int)
  inputTokens: number;

  @Field(() => Int)
  outputTokens: number;

  @Field(() => Float, { description: 'Estimated, in US dollars.' })
  costUsd: number;
}
