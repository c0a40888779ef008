import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import * as gateway from '@apollo/gateway';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EventExecutor } from '../src/subscriptions/event-executor.js';
import { SubscriptionPlanner } from '../src/subscriptions/planner.js';

/**
 * Federated subscriptions lean on semi-internal APIs of @apollo/gateway, @apollo/query-planner and
 * @apollo/federation-internals (pinned at 2.14.4). This test fails loudly when an upgrade moves them.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const compose = () => {
  const result = composeServices([
    {
      name: 'tasks',
      url: 'http://tasks/graphql',
      typeDefs: parse(
        `${LINK} type Task @key(fields: "id") { id: ID! owner: User! } type User @key(fields: "id", resolvable: false) { id: ID! } type Query { t: Task } type Subscription { taskUpdated(id: ID): Task! }`,
      ),
    },
    {
      name: 'people',
      url: 'http://people/graphql',
      typeDefs: parse(
        `${LINK} type User @key(fields: "id") { id: ID! name: String! } type Query { p: User }`,
      ),
    },
  ]);
  if (!result.supergraphSdl) throw new Error('composition failed');
  return result.supergraphSdl;
};

describe('pinned federation internals', () => {
  it('exports what the subscription loop calls', () => {
    expect(typeof gateway.executeQueryPlan).toBe('function');
    expect(gateway.executeQueryPlan.length).toBeGreaterThanOrEqual(6);
    expect(typeof gateway.buildOperationContext).toBe('function');
    expect(typeof operationFromDocument).toBe('function');
    expect(typeof Supergraph.build).toBe('function');
    expect(typeof QueryPlanner.prototype.buildQueryPlan).toBe('function');
  });

  it('plans a subscription as a SubscriptionNode with a subscription primary fetch and a rest', () => {
    const planner = new SubscriptionPlanner(compose());
    const document = parse('subscription S { taskUpdated(id: "1") { id owner { name } } }');
    const plan = planner.plan('S', document, 'S');
    expect(plan.primary).toMatchObject({
      kind: 'Fetch',
      serviceName: 'tasks',
      operationKind: 'subscription',
    });
    expect(plan.primary.operation).toMatch(/^subscription/);
    expect(plan.rest?.kind).toMatch(/^(Flatten|Sequence)$/);
    expect(plan.operationContext.operation.operation).toBe('subscription');
  });

  it('runs the rest of the plan per event through executeQueryPlan', async () => {
    const planner = new SubscriptionPlanner(compose());
    const document = parse('subscription S { taskUpdated { id owner { name } } }');
    const plan = planner.plan('S2', document, 'S');
    const people = {
      process: async ({ request }: { request: { variables?: { representations?: { id: string }[] } } }) => ({
        data: {
          _entities: (request.variables?.representations ?? []).map((r) => ({
            __typename: 'User',
            name: `name-${r.id}`,
          })),
        },
      }),
    };
    const executor = new EventExecutor(planner, { people } as never);
    const result = await executor.execute(
      plan,
      {
        query: 'subscription S { taskUpdated { id owner { name } } }',
        document,
        operationName: 'S',
        variables: {},
      },
      { data: { taskUpdated: { __typename: 'Task', id: '1', owner: { __typename: 'User', id: 'u9' } } } },
      {
        principal: { id: null, role: 'GUEST' },
        requestId: 'r',
        log: { warn() {}, error() {}, info() {}, debug() {} },
      } as never,
    );
    expect(result).toEqual({
      data: { taskUpdated: { id: '1', owner: { name: 'name-u9' } } },
      errors: undefined,
    });
  });
});
