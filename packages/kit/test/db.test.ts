import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../src/db.js';
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
});
