import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';

type OperationContext = ReturnType<typeof buildOperationContext>;

import { type FetchNode, type PlanNode, QueryPlanner } from '@apollo/query-planner';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  OperationTypeNode,
  validate,
} from 'graphql';

/** A planned subscription: what to open on the owning subgraph, and what to run per event. */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest?: PlanNode;
  operationContext: OperationContext;
}

export type PlanResult = { plan: SubscriptionPlan } | { errors: readonly GraphQLError[] };

/**
 * Plans subscriptions with the same query planner @apollo/gateway uses for queries. @apollo/gateway
 * plans a subscription into a `SubscriptionNode` (`primary` fetch + `rest`) but will not execute it;
 * the hub does. Plans are cached per operation text and name: the same document always plans the same.
 */
export class SubscriptionPlanner {
  readonly supergraph: Supergraph;
  readonly schema: GraphQLSchema;
  readonly apiSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(this.supergraph);
    this.schema = this.supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = this.supergraph.apiSchema().toGraphQLJSSchema();
  }

  /** Validates against the public schema (which includes "one root field per subscription"). */
  validate(document: DocumentNode): readonly GraphQLError[] {
    return validate(this.apiSchema, document);
  }

  isSubscription(document: DocumentNode, operationName?: string | null): boolean {
    return getOperationAST(document, operationName)?.operation === OperationTypeNode.SUBSCRIPTION;
  }

  plan(key: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.supergraph.apiSchema(), document, { operationName });
    const queryPlan = this.planner.buildQueryPlan(operation);
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription') throw new Error(`Expected a subscription plan, got ${node?.kind}`);
    const plan: SubscriptionPlan = {
      primary: node.primary,
      rest: node.rest,
      operationContext: buildOperationContext({
        schema: this.schema,
        operationDocument: document,
        operationName,
      }),
    };
    if (this.cache.size > 1_000) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, plan);
    return plan;
  }
}
