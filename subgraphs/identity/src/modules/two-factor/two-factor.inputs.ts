import { Field, InputType } from 'type-graphql';

@InputType()
export class CompleteTwoFactorLoginInput {
  @Field(() => String, { description: "The TWO_FACTOR_REQUIRED error's `extensions.challengeToken`." })
  challengeToken: string;

  @Field(() => String, { description: 'A 6-digit code from the app, or an unused recovery code.' })
  code: string;
}

@InputType()
export class ConfirmTotpInput {
  @Field(() => String, { description: 'The first 6-digit code the app shows.' })
  code: string;

  @Field(() => String, {
    nullable: true,
    description: 'Signed out: the TWO_FACTOR_ENROLMENT_REQUIRED challenge token, given to `enrolTotp` too.',
  })
  challengeToken?: string | null;
}

@InputType()
export class CompleteTwoFactorEnrolmentInput {
  @Field(() => String, {
    description: "The TWO_FACTOR_ENROLMENT_REQUIRED error's `extensions.challengeToken`.",
  })
  challengeToken: string;

  @Field(() => String, { description: 'The first 6-digit code the app shows after `enrolTotp`.' })
  code: string;
}
