import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner.js';

/** The pseudo-service that "fetches" the event the owning subgraph pushed. */
const EVENT_SOURCE = '__subscription_event__';

export interface EventRequest {
  query: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
}

/**
 * Resolves one upstream event into the client's result: the primary fetch is replaced by the event
 * itself, then the rest of the plan runs through `executeQueryPlan`, so fields owned by other
 * subgraphs (entity fetches) are resolved exactly as for a query, and the result is shaped to the
 * client's selection (aliases, typenames, nullability).
 */
export class EventExecutor {
  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly dataSources: Readonly<Record<string, GraphQLDataSource>>,
  ) {}

  async execute(
    plan: SubscriptionPlan,
    request: EventRequest,
    event: ExecutionResult,
    context: GatewayContext,
  ): Promise<ExecutionResult> {
    if (!event.data) return { errors: event.errors };
    const seed = { ...plan.primary, serviceName: EVENT_SOURCE };
    const rest = plan.rest ? (plan.rest.kind === 'Sequence' ? plan.rest.nodes : [plan.rest]) : [];
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: rest.length ? { kind: 'Sequence', nodes: [seed, ...rest] } : seed,
    };
    const serviceMap: ServiceMap = {
      ...this.dataSources,
      [EVENT_SOURCE]: {
        process: async () => ({ data: event.data, errors: event.errors }),
      } as GraphQLDataSource,
    };
    const requestContext = {
      request: { query: request.query, variables: request.variables, operationName: request.operationName },
      context,
      metrics: {},
      logger: context.log,
      document: request.document,
      operationName: request.operationName ?? null,
      operation: plan.operationContext.operation,
      cache: undefined,
      overallCachePolicy: undefined,
    };
    const result = await executeQueryPlan(
      queryPlan,
      serviceMap,
      requestContext as never,
      plan.operationContext,
      this.planner.schema,
      this.planner.supergraph.apiSchema(),
    );
    return { data: result.data, errors: result.errors };
  }
}
