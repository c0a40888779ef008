import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { clientOf, type IdentityContext } from '../../context.js';
import { AuthPayload } from '../auth/auth.types.js';
import { User } from '../user/user.entity.js';
import { Passkey } from './passkey.entity.js';
import { CompletePasskeyLoginInput, RegisterPasskeyInput, SignInWithPasskeyInput } from './passkey.inputs.js';
import { PasskeySignInStart } from './passkey.types.js';

@Resolver(() => User)
export class PasskeyResolver {
  @FieldResolver(() => [Passkey], { nullable: true, description: 'The user only (null for anyone else).' })
  passkeys(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<Passkey[]> | null {
    return ctx.user.id === user.id && !ctx.user.apiKeyId ? ctx.services.passkeys.list(user.id) : null;
  }

  @Authorized()
  @Mutation(() => GraphQLJSONObject, {
    description:
      "Starts adding a passkey (two-factor sign-in must be on): options for @simplewebauthn/browser's `startRegistration`, valid once for WEBAUTHN_CHALLENGE_SECONDS.",
  })
  passkeyRegistrationOptions(@Ctx() ctx: IdentityContext) {
    return ctx.services.passkeys.registrationOptions(ctx.user);
  }

  @Authorized()
  @Mutation(() => Passkey, { description: "Keeps a passkey: the browser's answer to the last options." })
  registerPasskey(
    @Arg('input', () => RegisterPasskeyInput) input: RegisterPasskeyInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.passkeys.register(ctx.user, input, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => Passkey)
  renamePasskey(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.passkeys.rename(ctx.user, id, name);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes one of your passkeys; it no longer signs in.' })
  deletePasskey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.passkeys.remove(ctx.user, id, clientOf(ctx));
  }

  @Mutation(() => GraphQLJSONObject, {
    description:
      "A sign-in's passkey step (TWO_FACTOR_REQUIRED listing PASSKEY): options for `startAuthentication`, bound to the challenge token.",
  })
  passkeyLoginOptions(
    @Arg('challengeToken', () => String) challengeToken: string,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.passkeySignIn.options({ challengeToken });
  }

  @Mutation(() => AuthPayload, {
    description: 'Finishes a sign-in that answered TWO_FACTOR_REQUIRED with a passkey.',
  })
  completePasskeyLogin(
    @Arg('input', () => CompletePasskeyLoginInput) input: CompletePasskeyLoginInput,
    @Ctx() ctx: IdentityContext,
  ) {
    const client = clientOf(ctx);
    return ctx.services.auth.finishSignIn(ctx.services.passkeySignIn.complete(input, client), client);
  }

  @Mutation(() => PasskeySignInStart, {
    description:
      'Starts a sign-in with a passkey alone (no password): the browser offers the passkeys it holds.',
  })
  passkeySignInOptions(@Ctx() ctx: IdentityContext) {
    return ctx.services.passwordless.start(clientOf(ctx));
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in with a passkey verified on the device (PIN or biometrics): both factors in one.',
  })
  signInWithPasskey(
    @Arg('input', () => SignInWithPasskeyInput) input: SignInWithPasskeyInput,
    @Ctx() ctx: IdentityContext,
  ) {
    const client = clientOf(ctx);
    return ctx.services.auth.finishSignIn(ctx.services.passwordless.complete(input, client), client);
  }
}
