import { Connection } from '@trae/kit';
import { ArgsType, Field, Int } from 'type-graphql';
import { ErrorGroup } from './error-group.entity.js';

@ArgsType()
export class ErrorsArgs {
  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only open (false) or only resolved (true) groups.' })
  resolved?: boolean;

  @Field(() => String, { nullable: true })
  service?: string;
}

export const ErrorGroupConnection = Connection(ErrorGroup);
