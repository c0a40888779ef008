import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterPasskeyInput {
  @Field(() => String, { description: 'A name to tell it apart ("Laptop", "YubiKey").' })
  name: string;

  @Field(() => GraphQLJSONObject, {
    description: "@simplewebauthn/browser's `startRegistration` answer to `passkeyRegistrationOptions`.",
  })
  response: Record<string, unknown>;
}

@InputType()
export class CompletePasskeyLoginInput {
  @Field(() => String, { description: "The TWO_FACTOR_REQUIRED error's `extensions.challengeToken`." })
  challengeToken: string;

  @Field(() => GraphQLJSONObject, {
    description: "@simplewebauthn/browser's `startAuthentication` answer to `passkeyLoginOptions`.",
  })
  response: Record<string, unknown>;
}

@InputType()
export class SignInWithPasskeyInput {
  @Field(() => String, { description: "`passkeySignInOptions`' `flowId`." })
  flowId: string;

  @Field(() => GraphQLJSONObject, { description: "`startAuthentication`'s answer to its options." })
  response: Record<string, unknown>;
}
