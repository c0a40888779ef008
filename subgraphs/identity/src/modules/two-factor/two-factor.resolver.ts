import { isSelfOrAdmin } from '@trae/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { clientOf, type IdentityContext } from '../../context.js';
import { AuthPayload } from '../auth/auth.types.js';
import { User } from '../user/user.entity.js';
import {
  CompleteTwoFactorEnrolmentInput,
  CompleteTwoFactorLoginInput,
  ConfirmTotpInput,
} from './two-factor.inputs.js';
import { EnrolmentSignIn, RecoveryCodes, TotpEnrolment, TwoFactorStatus } from './two-factor.types.js';

@Resolver(() => User)
export class TwoFactorResolver {
  @Mutation(() => AuthPayload, {
    description:
      "Finishes a sign-in that answered TWO_FACTOR_REQUIRED, with the app's code or a recovery code.",
  })
  completeTwoFactorLogin(
    @Arg('input', () => CompleteTwoFactorLoginInput) input: CompleteTwoFactorLoginInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.auth.completeTwoFactor(input, clientOf(ctx));
  }

  @Mutation(() => TotpEnrolment, {
    description:
      'Starts TOTP enrolment: signed in, or with the challenge token of TWO_FACTOR_ENROLMENT_REQUIRED.',
  })
  enrolTotp(
    @Arg('challengeToken', () => String, { nullable: true }) challengeToken: string | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.twoFactor.enrol(ctx.user, challengeToken);
  }

  @Mutation(() => EnrolmentSignIn, {
    description:
      "Finishes a sign-in that answered TWO_FACTOR_ENROLMENT_REQUIRED: the app's first code (after `enrolTotp` with the same challenge) turns two-factor on and signs in.",
  })
  completeTwoFactorEnrolment(
    @Arg('input', () => CompleteTwoFactorEnrolmentInput) input: CompleteTwoFactorEnrolmentInput,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.auth.completeEnrolment(input, clientOf(ctx));
  }

  @Mutation(() => RecoveryCodes, { description: "Turns two-factor sign-in on with the app's first code." })
  confirmTotp(@Arg('input', () => ConfirmTotpInput) input: ConfirmTotpInput, @Ctx() ctx: IdentityContext) {
    return ctx.services.twoFactor.confirm(ctx.user, input, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Turns two-factor sign-in off; needs a current code.' })
  disableTwoFactor(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.twoFactor.disable(ctx.user, code, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => RecoveryCodes, {
    description: 'New recovery codes (the old ones stop working); needs a current code.',
  })
  regenerateRecoveryCodes(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.twoFactor.regenerate(ctx.user, code, clientOf(ctx));
  }

  @FieldResolver(() => TwoFactorStatus, { nullable: true, description: 'The user and admins only.' })
  twoFactor(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<TwoFactorStatus> | null {
    return isSelfOrAdmin(ctx.user, user.id) ? ctx.services.twoFactor.status(user.id) : null;
  }
}
