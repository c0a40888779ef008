import { Connection, PageArgs } from '@trae/kit';
import { ArgsType, Field } from 'type-graphql';
import { ErrorGroup } from './error-group.entity.js';

@ArgsType()
export class ErrorsArgs extends PageArgs({ description: null }) {
  @Field(() => Boolean, { nullable: true, description: 'Only open (false) or only resolved (true) groups.' })
  resolved?: boolean;

  @Field(() => String, { nullable: true })
  service?: string;
}

export const ErrorGroupConnection = Connection(ErrorGroup);
