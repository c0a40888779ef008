import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrm, MigrationsDone } from '../src/db.js';
import { runMain } from '../src/run.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { CreateThings, Thing } from './support/things.js';

class Exited extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`process.exit(${code})`);
  }
}

describe('MIGRATE_ONLY', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('kit-migrate');
  });
  afterAll(() => db.drop());
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const options = (schema: string) => ({
    databaseUrl: db.url,
    schema,
    entities: [Thing],
    migrations: [{ name: 'CreateThings', class: CreateThings }],
  });

  it('applies the migrations, then stops createOrm before the service goes on', async () => {
    vi.stubEnv('MIGRATE_ONLY', '1');

    const done = await createOrm(options('migrate_svc')).catch((err: unknown) => err);

    expect(done).toBeInstanceOf(MigrationsDone);
    expect(done).toMatchObject({ schema: 'migrate_svc', applied: ['CreateThings'] });
    const client = new pg.Client(db.url);
    await client.connect();
    const { rows } = await client.query(
      "select table_schema from information_schema.tables where table_name = 'things'",
    );
    await client.end();
    expect(rows).toEqual([{ table_schema: 'migrate_svc' }]);
  });

  it('is off unless set: the service gets its ORM', async () => {
    vi.stubEnv('MIGRATE_ONLY', '');

    const orm = await createOrm(options('serving_svc'));

    expect(await orm.em.fork().count(Thing)).toBe(0);
    await orm.close();
  });

  it('makes runMain exit 0, where any other start failure exits 1', async () => {
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Exited(code);
    });
    const logger = pino({ level: 'silent' });

    const migrated = runMain(logger, () => Promise.reject(new MigrationsDone('s', [])));
    const failed = runMain(logger, () => Promise.reject(new Error('no database')));

    await expect(migrated).rejects.toMatchObject({ code: 0 });
    await expect(failed).rejects.toMatchObject({ code: 1 });
  });
});
