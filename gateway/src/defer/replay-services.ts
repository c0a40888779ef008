import type { GraphQLDataSource, GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * The subgraphs as one deferred operation sees them. `executeQueryPlan` builds its result tree from
 * nothing, so each deferred part runs the plan nodes before it again to rebuild the tree its entity
 * fetches start from; those fetches were already answered, and are answered again from memory (a
 * copy of the data, without the errors the earlier part already reported). Only fetches never seen
 * in this operation reach a subgraph. Identical fetches (same subgraph, document and variables,
 * representations included) always return the same data within one operation, so that is the key.
 */
export class ReplayServices {
  private readonly answered = new Map<string, Promise<Response>>();
  readonly serviceMap: ServiceMap;

  constructor(dataSources: Readonly<Record<string, GraphQLDataSource>>) {
    this.serviceMap = Object.fromEntries(
      Object.entries(dataSources).map(([name, source]) => [name, this.replaying(name, source)]),
    );
  }

  private replaying(name: string, source: GraphQLDataSource): GraphQLDataSource {
    return {
      process: async (options: GraphQLDataSourceProcessOptions) => {
        const { query, variables } = options.request;
        const key = `${name}\0${query}\0${JSON.stringify(variables ?? {})}`;
        const earlier = this.answered.get(key);
        if (earlier) return { data: structuredClone((await earlier).data) };
        const answer = source.process(options);
        // Copied before executeQueryPlan merges (and later mutates) the objects into its tree.
        this.answered.set(
          key,
          answer.then(
            (r) => ({ data: structuredClone(r.data) }),
            () => ({ data: undefined }),
          ),
        );
        return answer;
      },
    };
  }
}
