import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse } from 'graphql';
import { startIdentityStub } from './identity-stub.js';
import type { Stack } from './stack.js';
import { startSubgraph } from './subgraphs.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** Owns tasks and answers at once. */
const boardsTypeDefs = parse(`${LINK}
  type Task @key(fields: "id") { id: ID! title: String! }
  type Query { task(id: ID!): Task tasks: [Task!]! }
`);

/** Adds the fields a task page waits for: `logs` is slow (held until the test lets it go), two fail. */
const insightsTypeDefs = parse(`${LINK}
  type Stats { runs: Int! failures: Int! }
  type Task @key(fields: "id") {
    id: ID! logs: [String!]! stats: Stats! forbidden: String internal: String required: String!
    "The Authorization header this fetch came with"
    seenWith: String
  }
`);

const tasks = [
  { id: 't1', title: 'Write the post' },
  { id: 't2', title: 'Review the post' },
];

/** A latch: the slow field's resolvers wait on it, so "before the slow field" needs no clock. */
export class Gate {
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => {
    this.open = resolve;
  });
  /** How many resolvers are waiting (proves the slow field was asked for, and has not answered). */
  waiting = 0;
  async pass(): Promise<void> {
    this.waiting += 1;
    await this.opened;
  }
  release(): void {
    this.open();
  }
}

export interface DeferStack extends Stack {
  /** Replace before each test to hold `logs` back. */
  gate: { current: Gate };
}

/**
 * Two real subgraphs (HTTP, Apollo Server, federation) where a task's `logs` are slow and owned by
 * another subgraph than the task: the shape of the dashboard's task page.
 */
export async function startDeferStack(): Promise<DeferStack> {
  const gate = { current: new Gate() };
  const open = new Gate();
  open.release();
  gate.current = open;
  const insightsResolvers = {
    Task: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      logs: async ({ id }: { id: string }) => {
        await gate.current.pass();
        return [`${id} started`, `${id} finished`];
      },
      stats: ({ id }: { id: string }) => ({ runs: id.length, failures: 0 }),
      forbidden: () => {
        throw new GraphQLError('Only moderators may read this', { extensions: { code: 'FORBIDDEN' } });
      },
      seenWith: (_: unknown, __: unknown, ctx: { authorization: string | null }) => ctx.authorization,
      required: () => {
        throw new GraphQLError('No task insights yet', { extensions: { code: 'NOT_FOUND' } });
      },
      internal: () => {
        throw new Error('connection to db-secret-host:5432 refused');
      },
    },
  };
  const boardsResolvers = {
    Query: {
      task: (_: unknown, { id }: { id: string }) => tasks.find((t) => t.id === id) ?? null,
      tasks: () => tasks,
    },
    Task: { __resolveReference: ({ id }: { id: string }) => tasks.find((t) => t.id === id) ?? null },
  };
  const [identity, boards, insights] = await Promise.all([
    startIdentityStub(),
    startSubgraph('boards', boardsTypeDefs, boardsResolvers),
    startSubgraph('insights', insightsTypeDefs, insightsResolvers),
  ]);
  const result = composeServices([
    { name: 'boards', url: `${boards.baseUrl}/graphql`, typeDefs: boards.typeDefs },
    { name: 'insights', url: `${insights.baseUrl}/graphql`, typeDefs: insights.typeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'gateway-defer-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, result.supergraphSdl);
  return {
    identity,
    accounts: boards,
    reviews: insights,
    supergraphPath,
    gate,
    async stop() {
      await Promise.all([identity.stop(), boards.stop(), insights.stop()]);
    },
  };
}
