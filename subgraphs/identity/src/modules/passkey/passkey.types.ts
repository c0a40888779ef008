import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A started sign-in with a passkey alone.' })
export class PasskeySignInStart {
  @Field(() => String, { description: 'Goes back with the answer to `signInWithPasskey`.' })
  flowId: string;

  @Field(() => GraphQLJSONObject, {
    description: "Options for @simplewebauthn/browser's `startAuthentication`.",
  })
  options: Record<string, unknown>;
}
