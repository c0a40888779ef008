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
import type { WebhooksContext } from '../../context.js';
import { UserRef } from '../federation/user.stub.js';
import { WebhookSource } from './webhook-source.entity.js';
import { CreateWebhookSourceInput, WebhookSourcesArgs } from './webhook-source.inputs.js';
import { WebhookSourceConnection, WebhookSourceWithSecret } from './webhook-source.types.js';

@Resolver(() => WebhookSource)
export class WebhookSourceResolver {
  @Authorized('ADMIN')
  @Query(() => WebhookSource, { nullable: true, description: 'ADMIN only.' })
  webhookSource(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.loaders.webhookSource.load(id);
  }

  @Authorized('ADMIN')
  @Directive(PAGE_LIST_SIZE)
  @Query(() => WebhookSourceConnection, { description: 'The ones you registered, newest first. ADMIN only.' })
  webhookSources(@Args(() => WebhookSourcesArgs) args: WebhookSourcesArgs, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookSources.list(ctx.user.id!, args);
  }

  @Authorized('ADMIN')
  @Mutation(() => WebhookSourceWithSecret, {
    description: 'ADMIN only. Its tasks are created as you. The secret is shown in this answer only.',
  })
  createWebhookSource(
    @Arg('input', () => CreateWebhookSourceInput) input: CreateWebhookSourceInput,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookSources.create(ctx.user, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => WebhookSourceWithSecret, {
    description: 'A new secret; the previous one is still accepted until the next rotation. ADMIN only.',
  })
  rotateWebhookSourceSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookSources.rotateSecret(ctx.user, id);
  }

  @FieldResolver(() => UserRef)
  owner(@Root() row: WebhookSource): UserRef {
    return { id: row.ownerId };
  }
}
