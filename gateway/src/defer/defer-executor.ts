import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { type DeferredNode, type PlanNode, type QueryPlan, QueryPlanner } from '@apollo/query-planner';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Channel } from './channel.js';
import {
  type DeferDocument,
  type DeferSite,
  deferredDocument,
  normalizeDefers,
  plannedDocument,
  primaryDocument,
} from './defer-document.js';
import { ReplayServices } from './replay-services.js';

type Data = Record<string, unknown>;

/** One deferred fragment's answer at one place in the result (deferSpec=20220824). */
export interface IncrementalItem {
  data: Data | null;
  path: (string | number)[];
  label?: string;
  errors?: readonly GraphQLError[];
  extensions?: Data;
}

export interface SubsequentPayload {
  incremental?: IncrementalItem[];
  hasNext: boolean;
}

export interface DeferredExecution {
  initial: { data?: Data | null; errors?: readonly GraphQLError[]; extensions?: Data; hasNext: boolean };
  subsequent: AsyncIterable<SubsequentPayload>;
}

export interface DeferRequest {
  query: string;
  document: DocumentNode;
  operationName?: string;
  /** As the client sent them: fetches forward these, exactly like @apollo/gateway's executor. */
  variables: Data;
  /** Coerced (defaults applied), to resolve `@defer(if: $var)`. */
  coercedVariables: Data;
}

/** What `executeQueryPlan` reads of the request (the gateway's own request context carries the same). */
export interface PlanRequestContext {
  context: unknown;
  logger?: unknown;
  metrics?: unknown;
  overallCachePolicy?: unknown;
}

interface PlannedDefer {
  doc: DeferDocument;
  primary?: PlanNode;
  deferred: DeferredNode[];
}

/**
 * Executes operations with `@defer` from a query plan with `DeferNode`s (which @apollo/gateway plans
 * but refuses to run, federation#1204). Each part is one `executeQueryPlan` over the plan nodes it
 * needs, shaped by a document holding only that part's selections, so every value is produced by
 * the same code that answers the operation without `@defer`. Deferred parts start once the part
 * they depend on is answered and are delivered in the order they finish.
 */
export class DeferExecutor {
  private readonly supergraph: Supergraph;
  private readonly schema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new LRUCache<string, PlannedDefer | false>({ max: 500 });

  constructor(
    supergraphSdl: string,
    private readonly dataSources: Readonly<Record<string, GraphQLDataSource>>,
  ) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.schema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph, { incrementalDelivery: { enableDefer: true } });
  }

  /** `null` when nothing is deferred after all (every `@defer` off): the gateway answers as usual. */
  async execute(
    request: DeferRequest,
    requestContext: PlanRequestContext,
  ): Promise<DeferredExecution | null> {
    const planned = this.plan(request);
    if (!planned) return null;
    const services = new ReplayServices(this.dataSources);
    const run = (nodes: (PlanNode | undefined)[], shape: DocumentNode) =>
      this.run(nodes, shape, request, requestContext, services);

    const primary = await run([planned.primary], primaryDocument(planned.doc));
    const channel = new Channel<SubsequentPayload>();
    if (primary.data === null || primary.data === undefined) {
      channel.close();
      return { initial: { ...primary, hasNext: false }, subsequent: channel };
    }

    let pending = 0;
    const schedule = (deferred: readonly DeferredNode[], before: PlanNode[]) => {
      pending += deferred.length;
      for (const node of deferred) {
        const part = node.node?.kind === 'Defer' ? node.node.primary.node : node.node;
        const label = node.label ?? '';
        const site = planned.doc.sites.get(label);
        // Started in a `then` so that nothing thrown here escapes as an unhandled rejection.
        const answer = Promise.resolve().then(async () => {
          if (!site) throw new Error(`The plan defers an unknown label ${label}`);
          return itemsOf(site, await run([...before, part], deferredDocument(planned.doc, label)));
        });
        void answer
          .catch(
            (err: Error) => [{ data: null, path: [], errors: [asGraphQLError(err)] }] as IncrementalItem[],
          )
          .then((items) => {
            if (node.node?.kind === 'Defer') schedule(node.node.deferred, part ? [...before, part] : before);
            pending -= 1;
            channel.push({ ...(items.length ? { incremental: items } : {}), hasNext: pending > 0 });
            if (pending === 0) channel.close();
          });
      }
    };
    schedule(planned.deferred, planned.primary ? [planned.primary] : []);
    return { initial: { ...primary, hasNext: true }, subsequent: channel };
  }

  private plan(request: DeferRequest): PlannedDefer | false {
    const doc = normalizeDefers(request.document, request.operationName, request.coercedVariables);
    const key = `${request.operationName ?? ''}\0${[...doc.sites.keys()].join(',')}\0${request.query}`;
    if (doc.sites.size === 0) return false;
    const cached = this.plans.get(key);
    if (cached !== undefined) return cached && { ...cached, doc };
    let planned: PlannedDefer | false = false;
    try {
      const operation = operationFromDocument(this.supergraph.apiSchema(), plannedDocument(doc), {
        operationName: request.operationName,
      });
      const root = this.planner.buildQueryPlan(operation).node;
      if (root?.kind === 'Defer') planned = { doc, primary: root.primary.node, deferred: root.deferred };
    } catch {
      // What the planner refuses, @apollo/gateway refuses too, with the error the client should see.
      planned = false;
    }
    this.plans.set(key, planned);
    return planned;
  }

  private async run(
    nodes: (PlanNode | undefined)[],
    shape: DocumentNode,
    request: DeferRequest,
    requestContext: PlanRequestContext,
    services: ReplayServices,
  ) {
    const steps = nodes.filter((n): n is PlanNode => n !== undefined);
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: steps.length > 1 ? { kind: 'Sequence', nodes: steps } : steps[0],
    };
    const operationContext = buildOperationContext({
      schema: this.schema,
      operationDocument: shape,
      operationName: request.operationName,
    });
    const gatewayContext = {
      ...requestContext,
      request: { query: request.query, variables: request.variables, operationName: request.operationName },
      document: shape,
      operationName: request.operationName ?? null,
      operation: operationContext.operation,
      metrics: requestContext.metrics ?? {},
    };
    const result = await executeQueryPlan(
      queryPlan,
      services.serviceMap,
      gatewayContext as never,
      operationContext,
      this.schema,
      this.supergraph.apiSchema(),
    );
    return result as { data?: Data | null; errors?: readonly GraphQLError[]; extensions?: Data };
  }
}

/** An unexpected failure: the formatter turns it into a generic INTERNAL_SERVER_ERROR. */
const asGraphQLError = (err: Error) => new GraphQLError(err.message, { originalError: err });

/** The fragment's data wherever it landed (one item per list element), the part's errors with it. */
function itemsOf(
  site: DeferSite,
  result: { data?: Data | null; errors?: readonly GraphQLError[]; extensions?: Data },
): IncrementalItem[] {
  const items: IncrementalItem[] = [];
  const label = site.userLabel === undefined ? {} : { label: site.userLabel };
  const collect = (value: unknown, keys: string[], at: number, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) collect(v, keys, at, [...path, i]);
    } else if (value === null || typeof value !== 'object') {
      return;
    } else if (at === keys.length) {
      items.push({ data: value as Data, path, ...label });
    } else {
      const key = keys[at] as string;
      collect((value as Data)[key], keys, at + 1, [...path, key]);
    }
  };
  for (const keys of site.paths) collect(result.data, keys, 0, []);

  const errors = result.errors ?? [];
  if (!items.length && (errors.length || result.extensions))
    // The fragment's parent came back null (a non-null deferred field failed): its errors still go out.
    items.push({ data: null, path: site.paths[0] ?? [], ...label });
  for (const error of errors) {
    const item = items.find((i) => isPrefix(i.path, error.path ?? [])) ?? items[0];
    if (item) item.errors = [...(item.errors ?? []), error];
  }
  if (result.extensions && items[0]) items[0].extensions = result.extensions;
  return items;
}

const isPrefix = (prefix: readonly (string | number)[], path: readonly (string | number)[]) =>
  prefix.length <= path.length && prefix.every((k, i) => path[i] === k);
