import { Field, InputType } from 'type-graphql';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';

@InputType()
export class RegisterInput {
  @Field(() => String, { description: '3 to 32 letters, digits, dots, dashes or underscores.' })
  username: string;

  @Field(() => String)
  email: string;

  @Field(() => String, { description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  password: string;
}

@InputType()
export class LoginInput {
  @Field(() => String, { description: 'Username or email.' })
  login: string;

  @Field(() => String)
  password: string;
}
