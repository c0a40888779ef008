import { PAGE_LIST_SIZE } from '@trae/kit';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { WebhooksContext } from '../../context.js';
import { WEBHOOK_RECEIVED, type WebhookReceivedEvent } from './events.js';
import { InboundWebhook } from './inbound-webhook.entity.js';
import { WebhookDeliveriesArgs } from './inbound-webhook.inputs.js';
import { InboundWebhookConnection } from './inbound-webhook.types.js';

@Resolver(() => InboundWebhook)
export class InboundWebhookResolver {
  @Authorized('ADMIN')
  @Directive(PAGE_LIST_SIZE)
  @Query(() => InboundWebhookConnection, {
    description: 'What a source sent, newest first (the newest WEBHOOK_KEEP_PER_SOURCE). ADMIN only.',
  })
  webhookDeliveries(
    @Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.inboundWebhooks.list(ctx.user, args.sourceId, args);
  }

  @Authorized('ADMIN')
  @Mutation(() => InboundWebhook, {
    description:
      'Acts on a stored webhook again; a task it already created is not created twice. ADMIN only.',
  })
  replayInboundWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.inboundWebhooks.replay(ctx.user, id, ctx.requestId);
  }

  @Authorized('ADMIN')
  @Subscription(() => InboundWebhook, {
    description: 'Webhooks received by EMIT_EVENT sources (one source when `sourceId` is given). ADMIN only.',
    topics: WEBHOOK_RECEIVED,
    filter: ({ payload, args }: { payload: WebhookReceivedEvent; args: { sourceId?: string | null } }) =>
      !args.sourceId || payload.sourceId === args.sourceId,
  })
  webhookReceived(
    @Root() event: WebhookReceivedEvent,
    @Arg('sourceId', () => ID, { nullable: true }) _sourceId?: string,
  ): InboundWebhook {
    return Object.assign(new InboundWebhook(), {
      ...event,
      status: 'DONE',
      createdAt: new Date(event.receivedAt),
    });
  }
}
