import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '../src/columns.js';

@ObjectType()
@Entity({ tableName: 'things' })
class Thing {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string' })
  name: string;

  @CreatedAt()
  createdAt: Date = new Date();

  @UpdatedAt()
  updatedAt: Date = new Date();
}

@Resolver()
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(): Thing | null {
    return null;
  }
}

describe('shared columns', () => {
  it('declare the GraphQL fields in the order the class has them', async () => {
    const schema = await buildSchema({
      resolvers: [ThingResolver],
      scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
      validate: false,
    });
    expect(printSchema(schema)).toContain(
      'type Thing {\n  id: ID!\n  name: String!\n  createdAt: DateTime!\n  updatedAt: DateTime!\n}',
    );
  });
});
