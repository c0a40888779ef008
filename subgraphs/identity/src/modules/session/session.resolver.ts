import { PAGE_LIST_SIZE } from '@trae/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { clientOf, type IdentityContext } from '../../context.js';
import { deviceOf } from './device.js';
import { UserSession } from './session.entity.js';
import { SessionsArgs } from './session.inputs.js';
import { SessionConnection } from './session.types.js';

@Resolver(() => UserSession)
export class SessionResolver {
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => SessionConnection, { description: 'Where you are signed in, newest first.' })
  sessions(@Args(() => SessionsArgs) args: SessionsArgs, @Ctx() ctx: IdentityContext) {
    return ctx.services.sessions.list(ctx.user.id as string, args);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends one of your sessions at once (its tokens stop working).' })
  revokeSession(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.sessions.revoke(ctx.user, id, clientOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends every session of your account, this one included.' })
  signOutEverywhere(@Ctx() ctx: IdentityContext) {
    return ctx.services.sessions.signOutEverywhere(ctx.user, clientOf(ctx));
  }

  @FieldResolver(() => String, {
    description: 'Browser and system, read from its user agent ("Firefox 128 on Linux").',
  })
  device(@Root() session: UserSession): string {
    return deviceOf(session.userAgent);
  }

  @FieldResolver(() => Boolean, { description: 'True for the session this request is made with.' })
  current(@Root() session: UserSession, @Ctx() ctx: IdentityContext): boolean {
    return session.id === ctx.user.sessionId;
  }
}
