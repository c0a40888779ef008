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

/**
 * Prices operations before the gateway plans them and refuses those above the maximum. The estimator
 * is built once per API schema (the gateway swaps the schema when the supergraph changes).
 */
export class CostLimit {
  private readonly estimators = new WeakMap<GraphQLSchema, CostEstimator>();

  constructor(private readonly options: CostLimitOptions) {}

  /** The operation's estimated cost; COST_LIMIT_EXCEEDED above the maximum, BAD_USER_INPUT for bad variables. */
  price(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ): number {
    let estimator = this.estimators.get(schema);
    if (!estimator) {
      estimator = new CostEstimator(schema, this.options.directives, this.options);
      this.estimators.set(schema, estimator);
    }
    let cost: number;
    try {
      cost = estimator.estimate({ document, operationName, variables });
    } catch (err) {
      // Variables that do not fit their types: execution would refuse them too, in the same words.
      if (err instanceof GraphQLError)
        throw ErrorCodes.BAD_USER_INPUT.err(err.message, { http: { status: 400 } });
      throw err;
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
