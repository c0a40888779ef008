import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byIdLoader, byKeyLoader } from '../src/loaders.js';
import { ownPool, Sql } from '../src/sql.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

interface Row {
  id: string;
  name: string;
}

describe('by-id loaders', () => {
  let db: TestDatabase;
  let sql: Sql;
  const ids: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('kit_loaders');
    sql = new Sql(ownPool(db.url, 'public'));
    await sql.query(
      'create table things (id uuid primary key default gen_random_uuid(), name text not null)',
    );
    for (const name of ['a', 'b', 'c']) {
      const [row] = await sql.query<Row>('insert into things (name) values ($1) returning id', [name]);
      ids.push(row.id);
    }
  });
  afterAll(async () => {
    await sql.close();
    await db.drop();
  });

  /** A finder that records each batch, returning rows in the database's order (not the caller's). */
  const finder = (batches: (readonly string[])[]) => async (wanted: readonly string[]) => {
    batches.push(wanted);
    return sql.query<Row>('select id, name from things where id = any($1::uuid[]) order by name desc', [
      [...wanted],
    ]);
  };

  it('loads the ids asked for in one tick with one query, each to its own row', async () => {
    const batches: (readonly string[])[] = [];
    const loader = byIdLoader(finder(batches));
    const rows = await Promise.all([loader.load(ids[0]), loader.load(ids[2]), loader.load(ids[1])]);
    expect(rows.map((r) => r?.name)).toEqual(['a', 'c', 'b']);
    expect(batches).toEqual([[ids[0], ids[2], ids[1]]]);
  });

  it('answers null for an id find left out, and asks again only for ids not yet seen', async () => {
    const batches: (readonly string[])[] = [];
    const loader = byIdLoader(finder(batches));
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await loader.loadMany([missing, ids[1]])).toEqual([null, { id: ids[1], name: 'b' }]);
    expect(await loader.load(ids[1])).toEqual({ id: ids[1], name: 'b' });
    expect(await loader.load(ids[0])).toEqual({ id: ids[0], name: 'a' });
    expect(batches).toEqual([[missing, ids[1]], [ids[0]]]);
  });

  it('loads values found as a map by key, null where the map has none', async () => {
    const loader = byKeyLoader(async (wanted: readonly string[]) => {
      const rows = await sql.query<Row>('select id, name from things where id = any($1::uuid[])', [
        [...wanted],
      ]);
      return new Map(rows.map((r) => [r.id, r.name.toUpperCase()]));
    });
    expect(await loader.loadMany([ids[2], '00000000-0000-4000-8000-000000000000'])).toEqual(['C', null]);
  });
});
