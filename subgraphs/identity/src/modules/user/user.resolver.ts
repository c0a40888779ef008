import { type BaseContext, isSelfOrAdmin, PAGE_LIST_SIZE } from '@trae/kit';
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
import type { IdentityContext } from '../../context.js';
import { User } from './user.entity.js';
import { Role } from './user.enums.js';
import { UsersArgs } from './user.inputs.js';
import { UserConnection } from './user.types.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in caller, or null for guests.' })
  me(@Ctx() ctx: IdentityContext): Promise<User | null> | null {
    return ctx.user.id ? ctx.loaders.user.load(ctx.user.id) : null;
  }

  @Authorized()
  @Query(() => User, {
    nullable: true,
    description:
      'The active user with exactly this username (any case), e.g. to add a channel member; null if none. Their email stays private.',
  })
  userByUsername(@Arg('username', () => String) username: string, @Ctx() ctx: IdentityContext) {
    return ctx.services.users.findActiveByUsername(username);
  }

  @Authorized('ADMIN')
  @Directive(PAGE_LIST_SIZE)
  @Query(() => UserConnection)
  users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: IdentityContext) {
    return ctx.services.users.list(args);
  }

  @Authorized('ADMIN')
  @Mutation(() => User)
  setUserRole(
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    return ctx.services.users.setRole(ctx.user, userId, role);
  }

  @Authorized('ADMIN')
  @Mutation(() => User)
  setUserDisabled(
    @Arg('userId', () => ID) userId: string,
    @Arg('disabled', () => Boolean) disabled: boolean,
    @Ctx() ctx: IdentityContext,
  ): Promise<User> {
    return ctx.services.users.setDisabled(ctx.user, userId, disabled);
  }

  /** Email is private: the user and admins see it, everyone else gets null. */
  @FieldResolver(() => String, { nullable: true })
  email(@Root() user: User, @Ctx() ctx: BaseContext): string | null {
    return isSelfOrAdmin(ctx.user, user.id) ? user.email : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the owner of `email` followed its verification link.',
  })
  emailVerified(@Root() user: User): boolean {
    return Boolean(user.emailVerifiedAt);
  }

  @FieldResolver(() => String, { nullable: true })
  pendingEmail(@Root() user: User, @Ctx() ctx: BaseContext): string | null {
    return isSelfOrAdmin(ctx.user, user.id) ? (user.pendingEmail ?? null) : null;
  }
}
