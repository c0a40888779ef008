import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { clientOf as client, type IdentityContext } from '../../context.js';
import { LoginInput, RegisterInput } from './auth.inputs.js';
import { AuthPayload } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a USER account and signs it in.' })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: IdentityContext) {
    return ctx.services.auth.register(input, client(ctx));
  }

  @Mutation(() => AuthPayload)
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: IdentityContext) {
    return ctx.services.auth.login(input.login, input.password, client(ctx));
  }

  @Mutation(() => AuthPayload, { description: 'Spends the refresh token and returns a new pair.' })
  refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.auth.refresh(refreshToken, client(ctx));
  }

  @Mutation(() => Boolean, { description: 'Ends the login the refresh token belongs to.' })
  logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.auth.logout(refreshToken, client(ctx));
  }
}
