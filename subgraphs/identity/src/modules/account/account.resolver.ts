import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { clientOf, type IdentityContext } from '../../context.js';
import { User } from '../user/user.entity.js';
import { ChangePasswordInput, ResetPasswordInput, UpdateProfileInput } from './account.inputs.js';

@Resolver()
export class AccountResolver {
  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Needs the current password; ends every other session of the account.',
  })
  changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.accounts.changePassword(ctx.user, input, clientOf(ctx));
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a one-time link to /reset-password (valid 30 minutes by default). Always true: the answer ' +
      'does not say whether the address has an account.',
  })
  requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.accounts.requestPasswordReset(email, clientOf(ctx));
  }

  @Mutation(() => Boolean, { description: 'Sets a new password from a reset link; ends every session.' })
  resetPassword(
    @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.accounts.resetPassword(input, clientOf(ctx));
  }

  @Mutation(() => Boolean, { description: 'Follows a verification link (/verify-email?token=).' })
  async verifyEmail(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext) {
    await ctx.services.verification.verify(token, clientOf(ctx));
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Sends the verification link again: signed in, for your pending or unverified address; ' +
      'signed out, for `email` (always true: it does not say whether the address has an account).',
  })
  resendVerification(
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.verification.resend(ctx.user, email, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => User, {
    description: 'Display name at once; a new email (with currentPassword) once its link is followed.',
  })
  updateProfile(
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.accounts.updateProfile(ctx.user, input, clientOf(ctx));
  }
}
