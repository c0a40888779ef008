import { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, type MikroORM, type OrmOptions, withAdvisoryLock } from '../src/db.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase, executedMigrations, type TestDatabase } from '../src/testing/index.js';
import { CreateThings, Thing } from './support/things.js';

/** Slow enough that instances booting together overlap while it runs. */
class AddThingNotes extends Migration {
  override async up() {
    this.addSql('select pg_sleep(0.3)');
    this.addSql('alter table things add column notes text null');
  }
}

class Broken extends Migration {
  override async up() {
    this.addSql('select pg_sleep(0.1)');
    this.addSql('alter table no_such_table add column x text');
  }
}

const v1 = [{ name: 'CreateThings', class: CreateThings }];
const v2 = [...v1, { name: 'AddThingNotes', class: AddThingNotes }];

describe('createOrm with several instances of a service', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('kit_lock');
  });
  afterAll(() => db.drop());

  const options = (schema: string, migrations: OrmOptions['migrations']): OrmOptions => ({
    databaseUrl: db.url,
    schema,
    entities: [Thing],
    migrations,
  });

  async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Whether another session could take the lock now (it gives it back at once). */
  const lockIsFree = async (key: string) =>
    (
      await query<{ free: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as free, pg_advisory_unlock_all()',
        [key],
      )
    )[0].free;

  const names = async (schema: string) => (await executedMigrations(db.url, schema)).map((m) => m.name);

  it('boots 4 instances at once on an empty schema: each migration applied once, lock free after', async () => {
    const orms = await Promise.all(Array.from({ length: 4 }, () => createOrm(options('four_svc', v2))));

    expect(await names('four_svc')).toEqual(['CreateThings', 'AddThingNotes']);
    expect(await lockIsFree('migrate:four_svc')).toBe(true);
    const em = orms[3].em.fork();
    em.create(Thing, { name: 'a' });
    await em.flush();
    expect(await orms[0].em.fork().count(Thing)).toBe(1);
    await Promise.all(orms.map((o) => o.close()));
  });

  it('waits while another instance holds the lock, then finds what it applied', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('select pg_advisory_lock(hashtext($1))', ['migrate:wait_svc']);
    const lines: { msg: string }[] = [];
    const logger = createLogger('kit', 'info', { write: (line: string) => lines.push(JSON.parse(line)) });

    let settled = false;
    const booting = createOrm({ ...options('wait_svc', v1), logger }).finally(() => {
      settled = true;
    });
    await expect
      .poll(() => lines.map((l) => l.msg))
      .toContain('waiting for another instance to finish migrations');
    expect(settled).toBe(false);
    expect(await query("select 1 from information_schema.schemata where schema_name = 'wait_svc'")).toEqual(
      [],
    );
    await holder.query('select pg_advisory_unlock(hashtext($1))', ['migrate:wait_svc']);
    await holder.end();
    const orm = await booting;

    expect(await names('wait_svc')).toEqual(['CreateThings']);
    expect(lines.map((l) => l.msg)).toContain('migrations applied');
    await orm.close();
  });

  it('gives the lock up when a migration fails, so every instance fails alone and nothing is half-applied', async () => {
    const broken = options('broken_svc', [...v1, { name: 'Broken', class: Broken }]);
    const results = await Promise.allSettled([createOrm(broken), createOrm(broken), createOrm(broken)]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await lockIsFree('migrate:broken_svc')).toBe(true);
    expect(
      await query(
        "select 1 from information_schema.tables where table_name = 'things' and table_schema = 'broken_svc'",
      ),
    ).toEqual([]);
    const fixed = await createOrm(options('broken_svc', v1));
    expect(await names('broken_svc')).toEqual(['CreateThings']);
    await fixed.close();
  });

  it('lets the previous release boot beside the new one, and restart after it migrated', async () => {
    const mixed = await Promise.all([
      createOrm(options('rolling_svc', v1)),
      createOrm(options('rolling_svc', v2)),
      createOrm(options('rolling_svc', v1)),
      createOrm(options('rolling_svc', v2)),
    ]);
    const restarted = await createOrm(options('rolling_svc', v1));

    expect(await names('rolling_svc')).toEqual(['CreateThings', 'AddThingNotes']);
    const em = restarted.em.fork();
    em.create(Thing, { name: 'written by the previous release' });
    await em.flush();
    await Promise.all([...mixed, restarted].map((o) => o.close()));
  });

  it('holds the lock on a connection of its own, so a pool of one still migrates', async () => {
    const orm = await createOrm({ ...options('one_svc', v2), poolMax: 1 });

    expect(await names('one_svc')).toEqual(['CreateThings', 'AddThingNotes']);
    await orm.close();
  });

  describe('withAdvisoryLock', () => {
    let orm: MikroORM;
    beforeAll(async () => {
      orm = await createOrm(options('seed_svc', []));
    });
    afterAll(() => orm.close());

    it('runs one holder at a time and hands back what it returns', async () => {
      let inside = 0;
      let most = 0;
      const seed = (n: number) =>
        withAdvisoryLock(orm, 'kit-test:seed', async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 50));
          inside--;
          return n;
        });

      expect(await Promise.all([seed(1), seed(2), seed(3)])).toEqual([1, 2, 3]);
      expect(most).toBe(1);
      expect(await lockIsFree('kit-test:seed')).toBe(true);
    });

    it('gives the lock up when the work throws', async () => {
      await expect(
        withAdvisoryLock(orm, 'kit-test:throws', async () => {
          throw new Error('seeding failed');
        }),
      ).rejects.toThrow('seeding failed');

      expect(await lockIsFree('kit-test:throws')).toBe(true);
    });
  });
});
