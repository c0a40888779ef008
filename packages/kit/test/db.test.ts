import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../src/db.js';
import { ownPool } from '../src/sql.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { CreateThings, Thing } from './support/things.js';

describe('createOrm', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('kit');
  });
  afterAll(() => db.drop());

  it('runs migrations once even when several instances boot together, in the service’s own schema', async () => {
    const options = {
      databaseUrl: db.url,
      schema: 'things_svc',
      entities: [Thing],
      migrations: [{ name: 'CreateThings', class: CreateThings }],
    };
    const orms = await Promise.all([createOrm(options), createOrm(options), createOrm(options)]);
    const em = orms[0].em.fork();
    em.create(Thing, { name: 'a' });
    await em.flush();
    const rows = await orms[1].em
      .getConnection()
      .execute("select table_schema from information_schema.tables where table_name = 'things'");
    expect(rows).toEqual([{ table_schema: 'things_svc' }]);
    expect(await orms[2].em.fork().count(Thing)).toBe(1);
    await Promise.all(orms.map((o) => o.close()));
  });

  it('keeps the pool settings 6.x ran with, and every connection searches the service’s schema', async () => {
    const orm = await createOrm({
      databaseUrl: db.url,
      schema: 'pool_svc',
      entities: [Thing],
      migrations: [],
      poolMax: 3,
    });
    const pool = await orm.em.getConnection().getNativeClient();
    expect(pool.options).toMatchObject({
      max: 3,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 60_000,
    });
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    const schemas = await Promise.all(
      clients.map((c) => c.query<{ s: string }>('select current_schema() as s')),
    );
    expect(schemas.map((r) => r.rows[0].s)).toEqual(['pool_svc', 'pool_svc', 'pool_svc']);
    for (const c of clients) c.release();
    await orm.close();
  });

  it('sizes every pool by DB_POOL_MAX, and refuses a size out of range naming the variable', async () => {
    process.env.DB_POOL_MAX = '4';
    try {
      const orm = await createOrm({
        databaseUrl: db.url,
        schema: 'sized_svc',
        entities: [Thing],
        migrations: [],
      });
      const own = ownPool(db.url, 'sized_svc');
      expect((await orm.em.getConnection().getNativeClient()).options.max).toBe(4);
      expect((own as pg.Pool).options.max).toBe(4);
      await own.end();
      await orm.close();
      process.env.DB_POOL_MAX = '0';
      await expect(
        createOrm({ databaseUrl: db.url, schema: 'sized_svc', entities: [Thing], migrations: [] }),
      ).rejects.toThrow(/DB_POOL_MAX/);
    } finally {
      delete process.env.DB_POOL_MAX;
    }
  });
});
