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
import { type EndpointDisabledEvent, WEBHOOK_ENDPOINT_DISABLED } from './endpoint-notice.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import {
  CreateWebhookEndpointInput,
  WebhookAttemptsArgs,
  WebhookEndpointsArgs,
} from './webhook-endpoint.inputs.js';
import {
  QueuedWebhookDelivery,
  WebhookAttemptConnection,
  WebhookEndpointConnection,
  WebhookEndpointWithSecret,
} from './webhook-endpoint.types.js';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized()
  @Mutation(() => WebhookEndpointWithSecret, {
    description:
      "Sends your events (or, with `channelId`, the channel's) of these types to the URL. The secret is shown in this answer only.",
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.create(ctx.user, input);
  }

  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => WebhookEndpointConnection, {
    description: "Yours, or with `channelId` the channel's (its OWNERs and ADMIN), newest first.",
  })
  webhookEndpoints(
    @Args(() => WebhookEndpointsArgs) args: WebhookEndpointsArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.list(ctx.user, args);
  }

  @Authorized()
  @Directive(PAGE_LIST_SIZE)
  @Query(() => WebhookAttemptConnection, {
    description:
      "Every delivery attempt to an endpoint you manage (yours, your channels', any for ADMIN), newest first.",
  })
  webhookEndpointAttempts(
    @Args(() => WebhookAttemptsArgs) args: WebhookAttemptsArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.attempts(ctx.user, args.endpointId, args);
  }

  @Authorized()
  @Query(() => WebhookEndpoint, {
    nullable: true,
    description: "One you manage: yours, your channels' (as OWNER), any for ADMIN.",
  })
  webhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookEndpoints.get(ctx.user, id);
  }

  @Authorized()
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [String], { description: 'The event types an endpoint of yours may subscribe to.' })
  webhookEventTypes(@Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookEndpoints.eventTypes(ctx.user);
  }

  @Authorized()
  @Mutation(() => QueuedWebhookDelivery, {
    description:
      "Queues a `webhook.test` event now to an endpoint you manage (yours, your channels', any for ADMIN).",
  })
  sendTestWebhook(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookEndpoints.sendTest(ctx.user, endpointId);
  }

  @Authorized()
  @Mutation(() => QueuedWebhookDelivery, {
    description:
      'Sends a logged delivery again (same body, same `webhook-id`), named by an attempt id or its `webhook-id`; nothing new while it is still being tried.',
  })
  redeliverWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookEndpoints.redeliver(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => WebhookEndpoint, {
    description:
      'Pauses (true) or resumes (false) deliveries; resuming clears `disabledReason`. Owners and ADMIN.',
  })
  setWebhookEndpointDisabled(
    @Arg('id', () => ID) id: string,
    @Arg('disabled', () => Boolean) disabled: boolean,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.setDisabled(ctx.user, id, disabled);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Removes the endpoint and its delivery log. Its owner (a channel's: the channel's OWNERs) and ADMIN.",
  })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext) {
    return ctx.services.webhookEndpoints.remove(ctx.user, id);
  }

  @Authorized()
  @Subscription(() => WebhookEndpoint, {
    description:
      "Your endpoints as they are disabled for you (410 Gone, or failing too many deliveries in a row): the dashboard's notice, beside the email.",
    topics: WEBHOOK_ENDPOINT_DISABLED,
    filter: ({ payload, context }: { payload: EndpointDisabledEvent; context: WebhooksContext }) =>
      payload.ownerId === context.user.id,
  })
  webhookEndpointDisabled(@Root() event: EndpointDisabledEvent): WebhookEndpoint {
    return Object.assign(new WebhookEndpoint(), {
      ...event,
      disabledAt: new Date(event.disabledAt),
      createdAt: new Date(event.createdAt),
    });
  }
}
