import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { type DocumentNode, GraphQLError, parse } from 'graphql';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

interface EchoContext {
  authorization: string | null;
  requestId: string | null;
  userAgent: string | null;
}

/** Owns `User` and echoes the headers the gateway forwarded. */
export const accountsTypeDefs = parse(`${LINK}
  type User @key(fields: "id") { id: ID! username: String! }
  type RequestInfo { authorization: String requestId: String userAgent: String }
  type Query {
    "Who the gateway says is asking"
    me: RequestInfo!
    "One user by id"
    user(id: ID!): User
  }
`);

const users: Record<string, { id: string; username: string }> = { u1: { id: 'u1', username: 'alice' } };

const accountsResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: EchoContext) => ctx,
    user: (_: unknown, { id }: { id: string }) => users[id] ?? null,
  },
  User: { __resolveReference: ({ id }: { id: string }) => users[id] ?? null },
};

/** Extends `User` across the graph, and fails in the two ways the gateway must handle. */
// Each user has one review (the resolver below), which `@listSize` tells the gateway's cost estimate.
export const reviewsTypeDefs =
  parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])
  type Review { body: String! author: User! }
  type User @key(fields: "id") { id: ID! reviews: [Review!]! @listSize(assumedSize: 1) forbidden: String broken: String }
`);

const reviewsResolvers = {
  User: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    reviews: ({ id }: { id: string }) => [{ body: `great review by ${id}`, author: { id } }],
    forbidden: () => {
      throw new GraphQLError('Only moderators may read this', { extensions: { code: 'FORBIDDEN' } });
    },
    broken: () => {
      throw new Error('connection to db-secret-host:5432 refused');
    },
  },
};

export interface RunningSubgraph {
  name: string;
  typeDefs: DocumentNode;
  baseUrl: string;
  /** How often `/ready` was probed. */
  readyHits: number;
  stop(): Promise<void>;
}

export async function startSubgraph(
  name: string,
  typeDefs: DocumentNode,
  resolvers: object,
): Promise<RunningSubgraph> {
  const app = express();
  const http: Server = createServer(app);
  // Stack traces on purpose: the gateway must strip them, whatever a subgraph sends.
  const apollo = new ApolloServer<EchoContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]),
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const running: RunningSubgraph = {
    name,
    typeDefs,
    baseUrl: '',
    readyHits: 0,
    async stop() {
      await apollo.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  app.get('/ready', (_req, res) => {
    running.readyHits += 1;
    res.json({ status: 'ready', version: `${name}-1.0.0` });
  });
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        authorization: req.header('authorization') ?? null,
        requestId: req.header('x-request-id') ?? null,
        userAgent: req.header('user-agent') ?? null,
      }),
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  running.baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return running;
}

export const startAccounts = () => startSubgraph('accounts', accountsTypeDefs, accountsResolvers);
export const startReviews = () => startSubgraph('reviews', reviewsTypeDefs, reviewsResolvers);
