import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import {
  bearerToken,
  createEventBus,
  createTokenVerifier,
  type EventBus,
  GUEST,
  type Principal,
} from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { AUDIENCE, ISSUER } from './identity-stub.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** Owns `Task` and its subscription; `createdBy` is a `User` resolved by the people subgraph. */
const tasksTypeDefs = parse(`${LINK}
  type Task @key(fields: "id") { id: ID! title: String! ownerId: ID! createdBy: User! }
  type User @key(fields: "id", resolvable: false) { id: ID! }
  type Query { task(id: ID!): Task }
  type Mutation { updateTask(id: ID!, title: String!, ownerId: ID!, big: Int): Task! }
  type Subscription { taskUpdated(id: ID): Task! }
`);

/** Owns `User`; counts the entity fetches it serves and remembers the credentials they carried. */
const peopleTypeDefs = parse(`${LINK}
  type User @key(fields: "id") { id: ID! username: String! }
  type Query { person(id: ID!): User }
`);

interface Ctx {
  user: Principal;
  authorization?: string;
}

type TaskEvent = { id: string; title: string; ownerId: string };

/** Filters an iterator without an async generator, so `return()` reaches the Redis subscription at once. */
function filtered<T>(
  source: AsyncIterableIterator<T>,
  keep: (value: T) => boolean,
  onEnd: () => void,
): AsyncIterableIterator<T> {
  return {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done || keep(step.value)) return step;
      }
    },
    return: () => {
      onEnd();
      return source.return?.() ?? Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export interface LiveSubgraph {
  name: string;
  baseUrl: string;
  /** The `Authorization` of every graphql-ws connection opened to this subgraph, in order. */
  wsAuth: (string | undefined)[];
  stop(): Promise<void>;
}

async function serve(
  name: string,
  schema: ReturnType<typeof buildSubgraphSchema>,
  identityUrl: string,
  extra?: () => Promise<void>,
  port = 0,
): Promise<LiveSubgraph> {
  const verify = createTokenVerifier({
    jwksUrl: `${identityUrl}/.well-known/jwks.json`,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const principal = async (header: unknown): Promise<Principal> => {
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    return token ? verify(token) : GUEST;
  };
  const app = express();
  const http: Server = createServer(app);
  // Shutdown is the caller's (a test's afterAll, the bench fixture's signal handler). Apollo's own
  // signal handling would stop the server and re-raise the signal, running that handler a second time.
  const apollo = new ApolloServer<Ctx>({
    schema,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        user: await principal(req.headers.authorization),
        authorization: req.headers.authorization,
      }),
    }),
  );
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const wsAuth: (string | undefined)[] = [];
  const ws = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        wsAuth.push(typeof header === 'string' ? header : undefined);
        try {
          (ctx.extra as { user?: Principal }).user = await principal(ctx.connectionParams?.authorization);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ({ user: (ctx.extra as { user?: Principal }).user ?? GUEST }),
    },
    wss,
  );
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    name,
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    wsAuth,
    // Sockets are cut without a close frame, as when the process is killed.
    async stop() {
      for (const c of wss.clients) c.terminate();
      await ws.dispose();
      await apollo.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await extra?.();
    },
  };
}

/**
 * A tasks subgraph instance; several instances on one Redis prefix behave as one scaled-out service.
 * `port` restarts one where a previous instance listened.
 */
export async function startTasks(
  identityUrl: string,
  prefix: string,
  port = 0,
): Promise<LiveSubgraph & { bus: EventBus; live: { subscriptions: number } }> {
  const bus: EventBus = createEventBus(testRedisUrl(), prefix);
  const live = { subscriptions: 0 };
  const schema = buildSubgraphSchema([
    {
      typeDefs: tasksTypeDefs,
      resolvers: {
        Task: { createdBy: (t: TaskEvent) => ({ id: t.ownerId }) },
        Query: { task: (_: unknown, { id }: { id: string }) => ({ id, title: 'from query', ownerId: 'u1' }) },
        Mutation: {
          updateTask: async (_: unknown, args: TaskEvent & { big?: number }) => {
            const task = {
              id: args.id,
              title: args.big ? args.title.repeat(args.big) : args.title,
              ownerId: args.ownerId,
            };
            await Promise.all([
              bus.publish('task.updated', task),
              bus.publish(`task.updated:${task.id}`, task),
            ]);
            return task;
          },
        },
        Subscription: {
          taskUpdated: {
            subscribe: (_: unknown, { id }: { id?: string }, ctx: Ctx) => {
              if (!ctx.user.id)
                throw new GraphQLError('Sign in to follow tasks', {
                  extensions: { code: 'UNAUTHENTICATED' },
                });
              const source = bus.pubSub.subscribe(
                'task.updated',
                id ?? undefined,
              ) as AsyncIterableIterator<TaskEvent>;
              // Per-event authorization: owners see their tasks, admins see all.
              live.subscriptions++;
              return filtered(
                source,
                (task) => ctx.user.role === 'ADMIN' || task.ownerId === ctx.user.id,
                () => live.subscriptions--,
              );
            },
            resolve: (task: TaskEvent) => task,
          },
        },
      } as never,
    },
  ]);
  // Cut sockets unsubscribe from Redis on their way out; closing the bus under a pending UNSUBSCRIBE
  // would reject it unhandled, so wait for them (bounded) and for Redis to answer.
  const closeBus = async () => {
    for (let i = 0; i < 100 && live.subscriptions > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50));
    await bus.close();
  };
  const running = await serve('tasks', schema, identityUrl, closeBus, port);
  return { ...running, bus, live };
}

export async function startPeople(
  identityUrl: string,
): Promise<LiveSubgraph & { entityAuth: (string | undefined)[] }> {
  const entityAuth: (string | undefined)[] = [];
  const schema = buildSubgraphSchema([
    {
      typeDefs: peopleTypeDefs,
      resolvers: {
        Query: { person: (_: unknown, { id }: { id: string }) => ({ id, username: `user-${id}` }) },
        User: {
          __resolveReference: ({ id }: { id: string }, ctx: Ctx) => {
            entityAuth.push(ctx.authorization);
            return { id, username: `user-${id}` };
          },
        },
      } as never,
    },
  ]);
  return { ...(await serve('people', schema, identityUrl)), entityAuth };
}

/** Composes the live subgraphs into a supergraph file pointing at the given instances. */
export function composeLive(tasksUrl: string, peopleUrl: string): string {
  const result = composeServices([
    { name: 'tasks', url: `${tasksUrl}/graphql`, typeDefs: tasksTypeDefs },
    { name: 'people', url: `${peopleUrl}/graphql`, typeDefs: peopleTypeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-live-')), 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl);
  return path;
}
