import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlannerCase, startPlannerCase } from './support/planner-case.js';

/**
 * patches/@apollo+query-graphs: after a @requires, the planner re-enters the subgraph with a key
 * of that subgraph's own, and must pick one the subgraph can resolve. Unpatched 2.14.4 took the
 * first key without @external fields, here `compositeId { one two }`, declared `resolvable: false`
 * in `b`, so `b` got a representation it cannot resolve. (The audit's keys-mashup suite.)
 */
const V25 = (imports: string) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [${imports}])`;

const rows: Record<string, { id: string; pId: string; name: string; compositeId: Record<string, string> }> = {
  '1': { id: '1', pId: 'p1', name: 'a.1', compositeId: { one: 'c1.one', two: 'c1.two', three: 'c1.three' } },
};

const a = {
  name: 'a',
  typeDefs: parse(`${V25('"@key"')}
    type A @key(fields: "id") @key(fields: "pId", resolvable: false)
      @key(fields: "compositeId { one two }", resolvable: false)
      @key(fields: "id compositeId { two three }", resolvable: false) {
      id: ID! pId: ID! compositeId: CompositeID! name: String!
    }
    type CompositeID { one: ID! two: ID! three: ID! }`),
  resolvers: { A: { __resolveReference: ({ id }: { id: string }) => rows[id] ?? null } },
};

const b = {
  name: 'b',
  typeDefs: parse(`${V25('"@key", "@requires", "@external"')}
    type Query { list: [A!]! }
    type A @key(fields: "compositeId { one two }", resolvable: false)
      @key(fields: "id compositeId { two three }") @key(fields: "pId", resolvable: false)
      @key(fields: "id", resolvable: false) {
      id: ID! pId: ID! compositeId: CompositeID! name: String! @external nameInB: String! @requires(fields: "name")
    }
    type CompositeID { one: ID! two: ID! three: ID! }`),
  resolvers: {
    Query: { list: () => [{ ...rows['1'], name: undefined }] },
    A: {
      // Only `id compositeId { two three }` is resolvable here: any other representation is a bug.
      __resolveReference: (ref: { id?: string; compositeId?: { three?: string }; name?: string }) => {
        if (!ref.id || !ref.compositeId?.three)
          throw new Error(`not a resolvable key: ${JSON.stringify(ref)}`);
        return { ...rows[ref.id], name: ref.name };
      },
      nameInB: ({ name }: { name?: string }) => `in b: ${name}`,
    },
  },
};

describe('a post-@requires fetch re-enters the subgraph with a resolvable key', () => {
  let graph: PlannerCase;
  beforeAll(async () => {
    graph = await startPlannerCase([a, b]);
  });
  afterAll(() => graph?.stop());

  const query = '{ list { id name nameInB } }';

  it('plans the @requires fetch with the subgraph’s resolvable key', () => {
    const last = graph.plan(query).split('Flatten(path: "list.@")').at(-1) ?? '';
    expect(last).toContain('Fetch(service: "b")');
    expect(last).toMatch(/id\s+compositeId \{\s+two\s+three\s+\}/);
    expect(last).not.toMatch(/one/);
  });

  it('answers exactly', async () => {
    expect(await graph.execute(query)).toEqual({
      data: { list: [{ id: '1', name: 'a.1', nameInB: 'in b: a.1' }] },
    });
  });

  it('leaves a query without @requires as it was', async () => {
    expect(await graph.execute('{ list { id name } }')).toEqual({
      data: { list: [{ id: '1', name: 'a.1' }] },
    });
  });
});
