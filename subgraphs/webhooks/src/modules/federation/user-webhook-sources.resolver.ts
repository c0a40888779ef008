import { PAGE_LIST_SIZE, requireSelfOrAdmin } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { WebhooksContext } from '../../context.js';
import { WebhookSourcesArgs } from '../webhook-source/webhook-source.inputs.js';
import { WebhookSourceConnection } from '../webhook-source/webhook-source.types.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class UserWebhookSourcesResolver {
  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @FieldResolver(() => WebhookSourceConnection, {
    nullable: true,
    description: "The user's webhook sources: for them and admins.",
  })
  webhookSources(
    @Root() user: UserRef,
    @Args(() => WebhookSourcesArgs) args: WebhookSourcesArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    requireSelfOrAdmin(ctx.user, user.id, 'Only the user and admins see their webhook sources');
    return ctx.services.webhookSources.list(user.id, args);
  }
}
