import { Connection, PageArgs } from '@trae/kit';
import { ArgsType, Field } from 'type-graphql';
import { ErrorGroupState } from './error.enums.js';
import { ErrorGroup } from './error-group.entity.js';

@ArgsType()
export class ErrorsArgs extends PageArgs({ description: null }) {
  @Field(() => Boolean, { nullable: true, description: 'Only open (false) or only resolved (true) groups.' })
  resolved?: boolean;

  @Field(() => String, { nullable: true })
  service?: string;

  @Field(() => ErrorGroupState, { nullable: true, description: 'Only new, or only regressed, groups.' })
  state?: ErrorGroupState;
}

export const ErrorGroupConnection = Connection(ErrorGroup);
