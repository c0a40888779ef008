import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { WebhooksContext } from '../../context.js';
import { UserRef } from '../federation/user.stub.js';
import { WebhookSource } from './webhook-source.entity.js';
import { CreateWebhookSourceInput, WebhookSourcesArgs } from './webhook-source.inputs.js';
import { WebhookSourceConnection } from './webhook-source.types.js';

@Resolver(() => WebhookSource)
export class WebhookSourceResolver {
  @Authorized()
  @Query(() => WebhookSource, {
    nullable: true,
    description: 'Null unless it is yours (ADMIN sees every one).',
  })
  webhookSource(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.loaders.webhookSource.load(id);
  }

  @Authorized()
  @Query(() => WebhookSourceConnection, { description: 'Yours, newest first.' })
  webhookSources(@Args(() => WebhookSourcesArgs) args: WebhookSourcesArgs, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookSources.list(ctx.user.id!, args);
  }

  @Authorized()
  @Mutation(() => WebhookSource, { description: 'You become its owner.' })
  createWebhookSource(
    @Arg('input', () => CreateWebhookSourceInput) input: CreateWebhookSourceInput,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookSources.create(ctx.user, input);
  }

  @FieldResolver(() => UserRef)
  owner(@Root() row: WebhookSource): UserRef {
    return { id: row.ownerId };
  }
}
