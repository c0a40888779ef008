import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { type IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import {
  type BuildSchemaOptions,
  buildSchema,
  createResolversMap,
  Directive,
  Field,
  ID,
  ObjectType,
} from 'type-graphql';
import { authChecker } from './auth.js';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@cost", "@listSize"])`;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'> {
  /** `__resolveReference` (and other extra resolvers) per entity type name. */
  referenceResolvers?: IResolvers;
}

/**
 * type-graphql builds the schema from our classes; @apollo/subgraph then adds `_entities`/`_service`
 * from the printed SDL (with the federation directives type-graphql attached through `@Directive`).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, ...rest } = options;
  // Every subgraph names its scalars the same way (DateTime, JSON) so composition merges them.
  const schema = await buildSchema({
    // Inputs are checked by zod schemas in the services (validation.ts), not by class-validator.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    ...rest,
    authChecker,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as IResolvers;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) };
  }
  // @apollo/subgraph 2.15 takes a list of modules (or one document); a bare module is no longer read.
  return buildSubgraphSchema([
    {
      typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
      resolvers: resolvers as never,
    },
  ]);
}

/** Another subgraph's entity as far as this one knows it: its key. */
export interface EntityKey {
  id: string;
}

export interface EntityStubOptions {
  /**
   * `false` when this subgraph only points at the entity and adds no field to it: the gateway then
   * never asks this subgraph to resolve one (`@key(..., resolvable: false)`).
   * @default true
   */
  resolvable?: boolean;
}

/**
 * The object type a subgraph declares for an entity another subgraph owns: the type name and its
 * `id` key, nothing else. The fields this subgraph adds come from `@FieldResolver`s on the class.
 */
export function entityStub(typeName: string, options: EntityStubOptions = {}): new () => EntityKey {
  const key = options.resolvable === false ? '@key(fields: "id", resolvable: false)' : '@key(fields: "id")';
  @Directive(key)
  @ObjectType(typeName)
  class Stub implements EntityKey {
    @Field(() => ID)
    id: string;
  }
  return Stub;
}

type KeyReference = { __resolveReference: (ref: EntityKey) => EntityKey };

/**
 * Reference resolvers for entities other subgraphs own: each resolves to its key alone, which is all
 * the fields this subgraph adds to them need.
 */
export function keyReferences<T extends string>(...typeNames: T[]): Record<T, KeyReference> {
  const reference = (): KeyReference => ({ __resolveReference: (ref) => ({ id: ref.id }) });
  return Object.fromEntries(typeNames.map((name) => [name, reference()])) as Record<T, KeyReference>;
}

/** The SDL the gateway composes, printed from code with no server running. */
export const printSubgraphSdl = (schema: GraphQLSchema): string => printSubgraphSchema(schema);

export { JSONResolver as JSONScalar };
