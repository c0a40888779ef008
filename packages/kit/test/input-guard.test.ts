import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toClientError } from '../src/errors.js';
import { useInputGuard } from '../src/input-guard.js';

const typeDefs = `
  scalar JSON
  scalar SafeInt
  input NewThing { name: String!, tags: [String!], data: JSON, size: SafeInt }
  type Query { search(text: String): Boolean }
  type Mutation { create(input: NewThing!): Boolean }
`;

describe('useInputGuard', () => {
  let server: ApolloServer;
  let resolved = 0;
  beforeAll(async () => {
    const touch = () => {
      resolved += 1;
      return true;
    };
    // Scalars without parsers, as at the gateway: the guard alone decides.
    server = new ApolloServer({
      schema: buildSchema(typeDefs),
      rootValue: { search: touch, create: touch },
      formatError: toClientError,
      plugins: [useInputGuard()],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (query: string, variables?: Record<string, unknown>) => {
    const res = await server.executeOperation({ query, variables });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return { status: res.http.status, ...res.body.singleResult };
  };
  const CREATE = 'mutation ($i: NewThing!) { create(input: $i) }';

  it('refuses NUL in variables, lists, JSON values and JSON keys, naming the path', async () => {
    const before = resolved;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'a\u0000b' }, 'name'],
      [{ name: 'ok', tags: ['fine', 'bad\u0000'] }, 'tags.1'],
      [{ name: 'ok', data: { deep: [{ text: 'x\u0000' }] } }, 'data.deep.0.text'],
      [{ name: 'ok', data: { 'key\u0000': 1 } }, 'data'],
      [{ name: 'lone \ud800 surrogate' }, 'name'],
    ];
    for (const [input, field] of cases) {
      const r = await run(CREATE, { i: input });
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.status).toBe(400);
    }
    expect(resolved).toBe(before);
  });

  it('refuses NUL in inline literals and unsafe numbers', async () => {
    const literal = await run('{ search(text: "a\\u0000") }');
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const huge = await run(CREATE, { i: { name: 'ok', size: 1e300 } });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
  });

  it('lets ordinary input through, emoji and deep JSON included', async () => {
    const deep = JSON.parse(`${'['.repeat(5000)}"fine"${']'.repeat(5000)}`);
    const r = await run(CREATE, { i: { name: 'café 🧑‍💻', tags: ['a'], data: { deep }, size: 2 ** 40 } });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ create: true });
  });
});
