import { type ConnectionShape, encodeCursor, type Keyset } from '@trae/kit';

/** Builds a connection from `limit + 1` rows fetched newest-first, keyed by `key` (kit cursors). */
export function keysetConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  key: (row: T) => Keyset,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(key(node)), node })),
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(key(last)) : null },
    totalCount,
  };
}

/** Escapes LIKE wildcards so a search for `100%` finds that text. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
