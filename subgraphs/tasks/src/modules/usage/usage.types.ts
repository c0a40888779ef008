import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Language-model use of one UTC day, per agent and model.' })
export class UsageDay {
  @Field(() => Date, { description: 'The day (midnight UTC).' })
  day: Date;

  @Field(() => String)
  agent: string;

  @Field(() => String)
  model: string;

  @Field(() => Int, { description: 'Model calls (a call with tool round trips counts once).' })
  calls: number;

  @Field(() => Int)
  inputTokens: number;

  @Field(() => Int)
  outputTokens: number;

  @Field(() => Float, { description: 'Estimated, in US dollars (LLM_PRICES).' })
  costUsd: number;
}

@ArgsType()
export class UsageArgs {
  @Field(() => Int, { defaultValue: 7, description: 'Days back from today (UTC), 1 to 90.' })
  days: number;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => ID, { nullable: true, description: 'ADMIN only; everyone else sees their own use.' })
  userId?: string | null;
}
