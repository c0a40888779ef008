import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class MetricSeriesArgs {
  @Field(() => String, { description: 'One of `metricNames`.' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'One service; left out, every service (points name theirs).',
  })
  service?: string;

  @Field(() => Date, { nullable: true, description: 'Default: an hour before `to`.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  to?: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds per point (at most 1000 points). Default: about 300 points.',
  })
  step?: number;
}
