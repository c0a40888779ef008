import { IsEmail, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';

@InputType()
export class RegisterInput {
  @Field(() => String, { description: '3 to 32 letters, digits, dots, dashes or underscores.' })
  @Length(3, 32)
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'username may only contain letters, digits, dots, dashes and underscores',
  })
  username: string;

  @Field(() => String)
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @Field(() => String, { description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password: string;
}

@InputType()
export class LoginInput {
  @Field(() => String, { description: 'Username or email.' })
  @Length(1, 254)
  login: string;

  @Field(() => String)
  @Length(1, PASSWORD_MAX)
  password: string;
}
