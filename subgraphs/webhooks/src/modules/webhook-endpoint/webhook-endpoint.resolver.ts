import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { WebhooksContext } from '../../context.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import {
  CreateWebhookEndpointInput,
  WebhookAttemptsArgs,
  WebhookEndpointsArgs,
} from './webhook-endpoint.inputs.js';
import {
  WebhookAttemptConnection,
  WebhookEndpointConnection,
  WebhookEndpointWithSecret,
} from './webhook-endpoint.types.js';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized()
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Sends your events of these types to the URL. The secret is shown in this answer only.',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.create(ctx.user, input);
  }

  @Authorized()
  @Query(() => WebhookEndpointConnection, { description: 'Yours, newest first.' })
  webhookEndpoints(
    @Args(() => WebhookEndpointsArgs) args: WebhookEndpointsArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.list(ctx.user.id!, args);
  }

  @Authorized()
  @Query(() => WebhookAttemptConnection, {
    description: 'Every delivery attempt to one of your endpoints (any, for ADMIN), newest first.',
  })
  webhookEndpointAttempts(
    @Args(() => WebhookAttemptsArgs) args: WebhookAttemptsArgs,
    @Ctx() ctx: WebhooksContext,
  ) {
    return ctx.services.webhookEndpoints.attempts(ctx.user, args.endpointId, args);
  }
}
