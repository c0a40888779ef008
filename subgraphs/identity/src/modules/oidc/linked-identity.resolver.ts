import { isSelfOrAdmin } from '@trae/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { User } from '../user/user.entity.js';
import { LinkedIdentity } from './linked-identity.entity.js';

@Resolver(() => User)
export class LinkedIdentityResolver {
  @FieldResolver(() => [LinkedIdentity], {
    nullable: true,
    description: 'Providers this account signs in with. The user and admins only.',
  })
  linkedIdentities(@Root() user: User, @Ctx() ctx: IdentityContext): Promise<LinkedIdentity[]> | null {
    return isSelfOrAdmin(ctx.user, user.id) ? ctx.services.oidc.linkedIdentities(user.id) : null;
  }
}
