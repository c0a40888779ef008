import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { ApiKey } from './api-key.entity.js';
import { CreateApiKeyInput } from './api-key.inputs.js';
import { ApiKeyPayload } from './api-key.types.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [ApiKey], { description: "The caller's API keys (secrets are never shown again)." })
  apiKeys(@Ctx() ctx: IdentityContext): Promise<ApiKey[]> {
    return ctx.services.apiKeys.listFor(ctx.user.id!);
  }

  @Authorized()
  @Mutation(() => ApiKeyPayload)
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: IdentityContext) {
    return ctx.services.apiKeys.create(ctx.user, input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return ctx.services.apiKeys.revoke(ctx.user, id);
  }
}
