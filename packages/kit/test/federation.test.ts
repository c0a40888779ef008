import 'reflect-metadata';
import { graphql } from 'graphql';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import {
  buildFederatedSchema,
  type EntityKey,
  entityStub,
  keyReferences,
  printSubgraphSdl,
} from '../src/federation.js';

const Person = entityStub('Person');
const Order = entityStub('Order', { resolvable: false });

@Resolver(() => Person)
class PersonGreetingResolver {
  @FieldResolver(() => String)
  greeting(@Root() person: EntityKey, @Ctx() ctx: { seen: string[] }): string {
    ctx.seen.push(person.id);
    return `hello ${person.id}`;
  }
}

/** type-graphql prints only the types a root field reaches, as an entity's own fields reach a stub. */
@Resolver()
class RootResolver {
  @Query(() => Person)
  me(): EntityKey {
    return { id: 'p0' };
  }

  @Query(() => Order)
  lastOrder(): EntityKey {
    return { id: 'o1' };
  }
}

const build = () =>
  buildFederatedSchema({
    resolvers: [PersonGreetingResolver, RootResolver],
    referenceResolvers: keyReferences('Person'),
  });

describe('entityStub', () => {
  it('declares the foreign entity as its key alone, resolvable unless told otherwise', async () => {
    // Arrange
    const schema = await build();

    // Act
    const sdl = printSubgraphSdl(schema);

    // Assert
    expect(sdl).toContain('type Person @key(fields: "id") {\n  id: ID!\n  greeting: String!\n}');
    expect(sdl).toContain('type Order @key(fields: "id", resolvable: false) {\n  id: ID!\n}');
  });

  it('makes a new class per call, so subgraphs in one process do not share one', () => {
    // Arrange, Act
    const again = entityStub('Person');

    // Assert
    expect(again).not.toBe(Person);
  });
});

describe('keyReferences', () => {
  it('resolves each named entity to its key, dropping whatever else the reference carries', async () => {
    // Arrange
    const references = keyReferences('User', 'Channel');

    // Act
    const user = references.User.__resolveReference({ id: 'u1', name: 'x' } as EntityKey);
    const channel = references.Channel.__resolveReference({ id: 'c1' });

    // Assert
    expect(Object.keys(references)).toEqual(['User', 'Channel']);
    expect(user).toEqual({ id: 'u1' });
    expect(channel).toEqual({ id: 'c1' });
  });

  it('lets the gateway resolve a foreign entity and the fields this subgraph adds to it', async () => {
    // Arrange
    const schema = await build();
    const seen: string[] = [];

    // Act
    const result = await graphql({
      schema,
      source: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id greeting } } }',
      variableValues: { r: [{ __typename: 'Person', id: 'p1' }] },
      contextValue: { seen },
    });

    // Assert
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: 'p1', greeting: 'hello p1' }] });
    expect(seen).toEqual(['p1']);
  });
});
