import { Field, InputType } from 'type-graphql';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password.js';

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  currentPassword: string;

  @Field(() => String, { description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  newPassword: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => String, { description: 'The `token` of the emailed link.' })
  token: string;

  @Field(() => String, { description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  newPassword: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, {
    nullable: true,
    description: 'Up to 64 characters; null or blank shows the username.',
  })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new address: it replaces the current one once the link sent to it is followed.',
  })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Required with `email`.' })
  currentPassword?: string | null;
}
