import { ErrorCodes } from '@trae/kit';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { CostDirectives } from './cost-directives.js';
import { type CostDefaults, CostEstimator } from './estimate-cost.js';

export interface CostLimitOptions extends CostDefaults {
  directives: CostDirectives;
  /** Estimated cost past which an operation is refused (`COST_MAX`). */
  max: number;
}

/** Costs kept per variables for one document; past this many the map starts again. */
const COSTS_PER_DOCUMENT = 64;
/** Variables longer than this as JSON are priced every time rather than kept (a batch of inputs). */
const MAX_KEY_LENGTH = 1024;

interface PerSchema {
  estimator: CostEstimator;
  /** Apollo hands the same parsed document to every request for one query text, so it keys the cache. */
  costs: WeakMap<DocumentNode, Map<string, number>>;
}

/**
 * Prices operations before the gateway plans them and refuses those above the maximum. The estimator
 * is built once per API schema (the gateway swaps the schema when the supergraph changes), and a
 * document's cost is kept per variables: a dashboard polling one query is priced once.
 */
export class CostLimit {
  private readonly schemas = new WeakMap<GraphQLSchema, PerSchema>();

  constructor(private readonly options: CostLimitOptions) {}

  /** The operation's estimated cost; COST_LIMIT_EXCEEDED above the maximum, BAD_USER_INPUT for bad variables. */
  price(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ): number {
    let perSchema = this.schemas.get(schema);
    if (!perSchema) {
      perSchema = {
        estimator: new CostEstimator(schema, this.options.directives, this.options),
        costs: new WeakMap(),
      };
      this.schemas.set(schema, perSchema);
    }
    const key = JSON.stringify([operationName ?? null, variables ?? {}]);
    let known = perSchema.costs.get(document);
    let cost = known?.get(key);
    try {
      cost ??= perSchema.estimator.estimate({ document, operationName, variables });
    } catch (err) {
      // Variables that do not fit their types: execution would refuse them too, in the same words.
      if (err instanceof GraphQLError)
        throw ErrorCodes.BAD_USER_INPUT.err(err.message, { http: { status: 400 } });
      throw err;
    }
    if (key.length <= MAX_KEY_LENGTH) {
      if (!known || known.size >= COSTS_PER_DOCUMENT) {
        known = new Map();
        perSchema.costs.set(document, known);
      }
      known.set(key, cost);
    }
    if (cost > this.options.max) {
      throw ErrorCodes.COST_LIMIT_EXCEEDED.err(
        `Operation cost ${cost} exceeds the limit of ${this.options.max}`,
        { cost, maxCost: this.options.max, http: { status: 400 } },
      );
    }
    return cost;
  }
}

/** The root fields of a mutation (the rate limits hold sign-in operations to their own budget). */
export function rootMutationFields(operation: OperationDefinitionNode | undefined): string[] {
  if (operation?.operation !== 'mutation') return [];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}
