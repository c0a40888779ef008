import { Errors } from '@trae/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { clientOf, type IdentityContext } from '../../context.js';
import { AuthPayload } from '../auth/auth.types.js';
import { OidcProvider } from './oidc.types.js';

@Resolver()
export class OidcResolver {
  @Query(() => [OidcProvider], { description: 'Public: the providers the sign-in page offers.' })
  oidcProviders(@Ctx() ctx: IdentityContext): OidcProvider[] {
    return ctx.services.oidc.list();
  }

  @Mutation(() => AuthPayload, {
    description:
      'Spends the one-time code (60 s) a provider sign-in sent the dashboard back with. Answers as ' +
      '`login` does, TWO_FACTOR_REQUIRED included.',
  })
  exchangeOidcCode(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.oidc.exchange({ code }, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => String, {
    description:
      "Starts linking a provider to the caller's account: open the returned URL (the provider's sign-in) " +
      'in the browser; it comes back to /login/oidc#link=<code> for `confirmOidcLink`.',
  })
  async linkOidcProvider(@Arg('provider', () => ID) provider: string, @Ctx() ctx: IdentityContext) {
    if (!ctx.user.id) throw Errors.unauthenticated();
    const linkUserId = ctx.user.id;
    return (await ctx.services.oidc.authorizationUrl(provider, clientOf(ctx), { linkUserId })).href;
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Links the provider account a `linkOidcProvider` sign-in proved (its one-time code, 60 s), when the ' +
      'caller is the user who started it.',
  })
  confirmOidcLink(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext) {
    if (!ctx.user.id) throw Errors.unauthenticated();
    return ctx.services.oidc.confirmLink(ctx.user.id, { code }, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Unlinks a provider from the caller's account; false when it was not linked. Without a password " +
      '(an account made by a provider), `requestPasswordReset` sets one.',
  })
  unlinkOidcProvider(@Arg('provider', () => ID) provider: string, @Ctx() ctx: IdentityContext) {
    if (!ctx.user.id) throw Errors.unauthenticated();
    return ctx.services.oidc.unlink(ctx.user.id, provider, clientOf(ctx));
  }
}
