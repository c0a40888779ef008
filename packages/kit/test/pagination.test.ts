import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  olderThan,
  pageSize,
  searchPattern,
  toConnection,
} from '../src/pagination.js';

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
});
