import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { type DocumentNode, parse } from 'graphql';
import { type RunningSubgraph, startSubgraph } from './subgraphs.js';

/**
 * A small supergraph for a query-planner case (the fixes kept in the repository's patches/):
 * real subgraphs over HTTP, composed like production, executed by plain @apollo/gateway.
 */
export interface PlannerCase {
  /** The pretty-printed query plan of `query`. */
  plan(query: string): string;
  /** The gateway's answer to `query`, exactly as a client would get it. */
  execute(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startPlannerCase(
  subgraphs: { name: string; typeDefs: DocumentNode; resolvers: object }[],
): Promise<PlannerCase> {
  const running: RunningSubgraph[] = [];
  try {
    for (const s of subgraphs) running.push(await startSubgraph(s.name, s.typeDefs, s.resolvers));
    const composed = composeServices(
      running.map((r) => ({ name: r.name, typeDefs: r.typeDefs, url: `${r.baseUrl}/graphql` })),
    );
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    const supergraph = Supergraph.build(composed.supergraphSdl);
    const planner = new QueryPlanner(supergraph);
    const server = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }),
    });
    await server.start();
    return {
      plan: (query) =>
        prettyFormatQueryPlan(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)))),
      async execute(query, variables) {
        const response = await server.executeOperation({ query, variables });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        return JSON.parse(JSON.stringify(response.body.singleResult));
      },
      async stop() {
        await server.stop();
        await Promise.all(running.map((r) => r.stop()));
      },
    };
  } catch (error) {
    await Promise.all(running.map((r) => r.stop()));
    throw error;
  }
}
