import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, type MikroORM } from '../src/db.js';
import { ormPool, ownPool, Sql } from '../src/sql.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

class CreateNotes extends Migration {
  override async up() {
    this.addSql('create table notes (id serial primary key, body text not null, tags text[] not null)');
  }
}

describe('Sql', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase('kit_sql');
    orm = await createOrm({
      databaseUrl: db.url,
      schema: 'notes_svc',
      entities: [],
      migrations: [{ name: 'CreateNotes', class: CreateNotes }],
    });
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });

  // Both pools reach the service's own tables by their bare names, with real bind parameters.
  const sources = {
    'its own pool': () => ownPool(db.url, 'notes_svc', 2),
    "the ORM's pool": () => ormPool(orm),
  };

  for (const [name, pool] of Object.entries(sources)) {
    describe(`on ${name}`, () => {
      let sql: Sql;
      beforeAll(() => {
        sql = new Sql(pool());
      });
      afterAll(() => sql.close());

      it('binds arrays and text as parameters, prepared by name when asked', async () => {
        const body = `it's $1 -- not SQL (${name})`;
        const [row] = await sql.query<{ id: number }>(
          'insert into notes (body, tags) values ($1, $2) returning id',
          [body, ['a', 'b']],
        );
        for (let i = 0; i < 2; i++) {
          const found = await sql.query<{ body: string; tags: string[] }>(
            'select body, tags from notes where id = $1',
            [row.id],
            'kit-sql-note-by-id',
          );
          expect(found).toEqual([{ body, tags: ['a', 'b'] }]);
        }
      });

      it('commits a transaction on one connection, and rolls it back whole on a failure', async () => {
        const tag = `tx-${name}`;
        const backend = await sql.transaction(async (query) => {
          await query('insert into notes (body, tags) values ($1, $2)', ['kept', [tag]]);
          const [{ pid }] = await query<{ pid: number }>('select pg_backend_pid() as pid');
          const [{ again }] = await query<{ again: number }>('select pg_backend_pid() as again');
          expect(again).toBe(pid);
          return pid;
        });
        expect(backend).toBeGreaterThan(0);
        await expect(
          sql.transaction(async (query) => {
            await query('insert into notes (body, tags) values ($1, $2)', ['lost', [tag]]);
            await query('insert into notes (body) values ($1)', ['no tags: violates not null']);
          }),
        ).rejects.toThrow(/null value/);
        const rows = await sql.query<{ body: string }>('select body from notes where $1 = any(tags)', [tag]);
        expect(rows).toEqual([{ body: 'kept' }]);
      });
    });
  }

  it("leaves the ORM's pool open when closed: the ORM owns it", async () => {
    const borrowed = new Sql(ormPool(orm));
    await borrowed.close();
    expect(await orm.em.fork().getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
    expect(await borrowed.query('select 2 as two')).toEqual([{ two: 2 }]);
  });

  it('ends its own pool when closed', async () => {
    const own = new Sql(ownPool(db.url, 'notes_svc'));
    await own.query('select 1');
    await own.close();
    await expect(own.query('select 1')).rejects.toThrow(/after calling end/);
  });
});
