import { graphql, printSchema } from 'graphql';
import { Args, ArgsType, buildSchema, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import {
  afterCursor,
  decodeCursor,
  decodeSerialCursor,
  encodeCursor,
  likePattern,
  olderThan,
  PageArgs,
  pageSize,
  searchPattern,
  toConnection,
} from '../src/pagination.js';

@ArgsType()
class ThingsArgs extends PageArgs() {
  @Field(() => String, { nullable: true })
  search?: string;
}

@ArgsType()
class LinesArgs extends PageArgs({ size: 50, description: 'At most 100; 50 when left out.' }) {}

@ArgsType()
class QuietArgs extends PageArgs({ size: 30, description: null }) {}

@ObjectType()
class Page {
  @Field(() => Int)
  size: number;
}

@Resolver()
class PagesResolver {
  @Query(() => Page)
  things(@Args(() => ThingsArgs) args: ThingsArgs): Page {
    return { size: pageSize(args.first, ThingsArgs.size) };
  }

  @Query(() => Page)
  lines(@Args(() => LinesArgs) args: LinesArgs): Page {
    return { size: pageSize(args.first, LinesArgs.size) };
  }

  @Query(() => Page)
  quiet(@Args(() => QuietArgs) args: QuietArgs): Page {
    return { size: pageSize(args.first, QuietArgs.size) };
  }
}

describe('pagination', () => {
  it('round-trips keyset cursors', () => {
    const k = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeCursor(encodeCursor(k))).toEqual(k);
  });

  it('refuses malformed cursors and silly page sizes with the field named', () => {
    expect(() => decodeCursor('nonsense')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
    expect(() => pageSize(0)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
    );
    expect(() => pageSize(10_000)).toThrow(/between 1 and 100/);
    expect(pageSize(undefined, 7)).toBe(7);
  });

  it('builds a connection from limit + 1 rows', () => {
    const rows = [3, 2, 1].map((n) => ({ id: String(n), createdAt: new Date(n * 1000) }));
    const c = toConnection(rows, 2, 3);
    expect(c.edges.map((e) => e.node.id)).toEqual(['3', '2']);
    expect(c.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(rows[1]) });
    expect(toConnection([], 2, 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('takes search wildcards literally and names the field of a search too long', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
    expect(searchPattern('search', '  ')).toBeUndefined();
    expect(searchPattern('search', ' heat ')).toBe('%heat%');
    expect(() => searchPattern('search', 'x'.repeat(101))).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'search' } }),
    );
  });

  it('pages by a key other than the row itself', () => {
    const at = new Date(5000);
    const c = toConnection(
      [
        { time: at, seq: 'b' },
        { time: at, seq: 'a' },
      ],
      1,
      2,
      (r) => ({ createdAt: r.time, id: r.seq }),
    );
    expect(decodeCursor(c.pageInfo.endCursor!)).toEqual({ createdAt: at, id: 'b' });
    expect(olderThan({ createdAt: at, id: 'b' })).toEqual({
      $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: 'b' } }],
    });
  });

  it('gives every list query first/after before its own filters, documenting the default it keeps', async () => {
    const schema = await buildSchema({ resolvers: [PagesResolver], validate: false });
    const sdl = printSchema(schema);
    const doc = (d: string) => `"""${d}"""`;
    expect(sdl).toContain(
      `things(\n    ${doc('Page size, 1 to 100 (default 20).')}\n    first: Int\n    after: String\n    search: String\n  ): Page!`,
    );
    expect(sdl).toContain(
      `lines(\n    ${doc('At most 100; 50 when left out.')}\n    first: Int\n    after: String\n  ): Page!`,
    );
    expect(sdl).toContain('quiet(first: Int, after: String): Page!');
    const result = await graphql({ schema, source: '{ things { size } lines { size } quiet { size } }' });
    expect(result.data).toEqual({ things: { size: 20 }, lines: { size: 50 }, quiet: { size: 30 } });
  });

  it('refuses a cursor whose id is not a UUID, and pages after a good one', () => {
    const id = '0b6c1c3e-5d7a-4f0e-9a51-3c2d1e0f9a8b';
    const createdAt = new Date(5000);
    expect(afterCursor(undefined)).toBeUndefined();
    expect(afterCursor(encodeCursor({ createdAt, id }))).toEqual(olderThan({ createdAt, id }));
    expect(() => afterCursor(encodeCursor({ createdAt, id: 'x' }))).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
  });

  it('refuses a serial cursor whose id is not an integer', () => {
    const createdAt = new Date(5000);
    expect(decodeSerialCursor(encodeCursor({ createdAt, id: '42' }))).toEqual({ createdAt, id: 42 });
    for (const id of ['nope', '1.5', '-1', '9'.repeat(20)])
      expect(() => decodeSerialCursor(encodeCursor({ createdAt, id }))).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
      );
  });
});
