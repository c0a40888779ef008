import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';

type GatewayInterface = ApolloServerOptionsWithGateway<never>['gateway'];

/** The incremental-delivery RFC's `@defer` (graphql 16 does not define it; graphql 17 alpha does). */
export const GraphQLDeferDirective = new GraphQLDirective({
  name: 'defer',
  description:
    'Delivers this fragment after the rest of the answer, when the client accepts multipart/mixed.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true },
    label: { type: GraphQLString },
  },
});

export function withDeferDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective('defer')) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, GraphQLDeferDirective] });
}

/**
 * The gateway as Apollo Server sees it, with `@defer` in the schema it validates against. The API
 * schema @apollo/gateway hands over leaves it out (its executor cannot run it), so operations using
 * it would fail validation before `useDefer` could serve them.
 */
export function deferCapable(gateway: GatewayInterface): GatewayInterface {
  return {
    load: (options) => gateway.load(options),
    stop: () => gateway.stop(),
    onSchemaLoadOrUpdate: (callback) =>
      gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) =>
        callback({ apiSchema: withDeferDirective(apiSchema), coreSupergraphSdl }),
      ),
  };
}
