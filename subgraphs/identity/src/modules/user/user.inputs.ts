import { ArgsType, Field, Int } from 'type-graphql';
import { Role } from './role.js';

@ArgsType()
export class UsersArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => String, { nullable: true, description: 'Matches username or email, case-insensitively.' })
  search?: string;

  @Field(() => Role, { nullable: true })
  role?: Role;
}
