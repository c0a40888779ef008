import 'reflect-metadata';
import { ArgsType, type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Errors } from './errors.js';
import { isUuid } from './ids.js';

/** Every subgraph defines the same PageInfo, so it is shareable. */
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay-style connection type for `T`, named `<T>Connection` / `<T>Edge`. */
export function Connection<T extends object>(node: ClassType<T>, name = node.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    // A COUNT(*) over the filtered rows: dearer than reading a column.
    @Directive('@cost(weight: 2)')
    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionType as ClassType<ConnectionShape<T>>;
}

export const MAX_PAGE_SIZE = 100;
/** Rows a list query returns when `first` is left out, unless the query says otherwise. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Demand control (IBM cost spec, `@listSize`) for a field that returns a connection: it costs as many
 * edges as `first` asks for, the default page when `first` is left out. The gateway reads it from the
 * supergraph to estimate an operation before planning it.
 */
export const PAGE_LIST_SIZE = `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)`;

/** A page as services take it: `first` rows after the `after` cursor. */
export interface PageQuery {
  first?: number | null;
  after?: string | null;
}

export interface PageArgsOptions {
  /** Rows when `first` is left out. @default 20 */
  size?: number;
  /**
   * The schema's text for `first`; `null` publishes none (two queries have none today, and the published
   * schema stays as it is). @default "Page size, 1 to 100 (default <size>)."
   */
  description?: string | null;
}

/**
 * The `first`/`after` arguments of every list query; a query's own filters extend the class. It keeps
 * its default page size as `size`, so the service pages with the size the schema documents.
 */
export function PageArgs(options: PageArgsOptions = {}) {
  const size = options.size ?? DEFAULT_PAGE_SIZE;
  const description =
    options.description === undefined
      ? `Page size, 1 to ${MAX_PAGE_SIZE} (default ${size}).`
      : (options.description ?? undefined);

  @ArgsType()
  class PageArgsType implements PageQuery {
    static readonly size = size;

    @Field(() => Int, { nullable: true, description })
    first?: number | null;

    @Field(() => String, { nullable: true })
    after?: string | null;
  }
  return PageArgsType;
}

/** Keyset cursors: (createdAt, id) of the last row, so pages stay stable while rows are added. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.createdAt.toISOString()}|${k.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw Errors.badInput('after', 'Malformed cursor');
  return { createdAt, id };
}

export function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw Errors.badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/**
 * The MikroORM condition for rows after cursor `k` in newest-first (time, id) order; the time column is
 * `createdAt` unless an entity pages by another one (an alert by `startedAt`).
 */
export const olderThan = (k: Keyset, time = 'createdAt') => ({
  $or: [{ [time]: { $lt: k.createdAt } }, { [time]: k.createdAt, id: { $lt: k.id } }],
});

/** Newest first, the order every keyset page is read in. */
export const NEWEST_FIRST = { createdAt: 'desc', id: 'desc' } as const;

/**
 * The condition for "after this cursor" in newest-first (createdAt, id) order, undefined without one. A
 * cursor whose id is not a UUID is refused here rather than reaching PostgreSQL as a failing uuid cast.
 */
export function afterCursor(after: string | null | undefined, time = 'createdAt') {
  if (!after) return undefined;
  const k = decodeCursor(after);
  if (!isUuid(k.id)) throw Errors.badInput('after', 'Malformed cursor');
  return olderThan(k, time);
}

/** A cursor over rows keyed by an integer id (a serial), refused unless its id is one. */
export function decodeSerialCursor(cursor: string): { createdAt: Date; id: number } {
  const k = decodeCursor(cursor);
  if (!/^\d{1,15}$/.test(k.id)) throw Errors.badInput('after', 'Malformed cursor');
  return { createdAt: k.createdAt, id: Number(k.id) };
}

/** An ILIKE pattern matching `text` anywhere; the caller's `%`, `_` and `\` are taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A search argument as an ILIKE pattern: undefined when blank, BAD_USER_INPUT naming `field` when too long. */
export function searchPattern(field: string, search: string | null | undefined): string | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  if (text.length > 100) throw Errors.badInput(field, `${field} must be at most 100 characters`);
  return likePattern(text);
}

/**
 * Builds a connection from `limit + 1` rows fetched newest-first. `key` gives a row's keyset when it
 * is not the row's own (createdAt, id), e.g. a log line's time.
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  key: (row: T) => Keyset = (row) => row as unknown as Keyset,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(key(node)), node })),
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(key(last)) : null },
    totalCount,
  };
}
