import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity.js';

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Short-lived JWT for `Authorization: Bearer`.' })
  accessToken: string;

  @Field(() => String, { description: 'Single-use token for `refreshToken`; each use returns a new one.' })
  refreshToken: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @Field(() => User)
  user: User;
}
