import { PageArgs } from '@trae/kit';
import { ArgsType, Field } from 'type-graphql';
import { Role } from './user.enums.js';

@ArgsType()
export class UsersArgs extends PageArgs() {
  @Field(() => String, { nullable: true, description: 'Matches username or email, case-insensitively.' })
  search?: string;

  @Field(() => Role, { nullable: true })
  role?: Role;
}
