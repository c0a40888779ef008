import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlannerCase, startPlannerCase } from './support/planner-case.js';

/**
 * patches/@apollo+query-graphs: a field of an entity interface that only another subgraph's
 * @interfaceObject declares, behind a `resolvable: false` key there, cannot be fetched. Unpatched
 * 2.14.4 read "the interface has no implementation here" as "no possible result", planned nothing
 * and answered `{ "a": null }` without an error; now the operation is refused. (The audit's
 * non-resolvable-interface-object #1.)
 */
const V23 =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])';

const a = {
  name: 'a',
  typeDefs: parse(`${V23}
    interface Node @key(fields: "id") { id: ID! }
    type Product @key(fields: "id", resolvable: false) @interfaceObject { id: ID! }
    type Query { a: Node product: Product! }`),
  resolvers: {
    Query: { a: () => ({ __typename: 'Node', id: 'n1' }), product: () => ({ id: 'p1' }) },
    Node: { __resolveReference: () => null },
  },
};

const b = {
  name: 'b',
  typeDefs: parse(`${V23}
    type Node @key(fields: "id", resolvable: false) @interfaceObject { id: ID! field: String }
    interface Product @key(fields: "id") { id: ID! }
    type Bread implements Product @key(fields: "id") { id: ID! name: String! }
    type Query { b: Node }`),
  resolvers: {
    Query: { b: () => ({ id: 'n1' }) },
    Product: { __resolveReference: ({ id }: { id: string }) => ({ __typename: 'Bread', id, name: 'Bread' }) },
    Bread: { __resolveReference: ({ id }: { id: string }) => ({ id, name: 'Bread' }) },
    Node: { field: () => 'foo' },
  },
};

describe('a field only an unreachable @interfaceObject has', () => {
  let graph: PlannerCase;
  beforeAll(async () => {
    graph = await startPlannerCase([a, b]);
  });
  afterAll(() => graph?.stop());

  it('cannot be planned', () => {
    expect(() => graph.plan('{ a { field } }')).toThrow(/not able to find any options for field/);
  });

  it('is refused with an error and no data', async () => {
    const answer = (await graph.execute('{ a { field } }')) as { data?: unknown; errors?: unknown[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
  });

  it('leaves the fields that can be fetched as they were', async () => {
    expect(graph.plan('{ a { id } }')).toContain('Fetch(service: "a")');
    expect(await graph.execute('{ b { id field } }')).toEqual({ data: { b: { id: 'n1', field: 'foo' } } });
  });

  // The key patch's fallback: with only a `resolvable: false` key on the @interfaceObject, the
  // downcast (its implementation type is learnt from `b`) still plans as before.
  it('still casts an @interfaceObject whose only key is not resolvable', async () => {
    expect(await graph.execute('{ product { ... on Bread { id } } }')).toEqual({
      data: { product: { id: 'p1' } },
    });
  });
});
