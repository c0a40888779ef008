import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, type MikroORM } from '../src/db.js';
import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '../src/testing/index.js';
import { CreateThings, Thing } from './support/things.js';

/** A migration written after the upgrade: the runner must tell it apart from the ones 6.x ran. */
class AddThingNotes extends Migration {
  override async up() {
    this.addSql('alter table things add column notes text null');
  }
}

describe('createOrm on a schema MikroORM 6 migrated', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase('kit_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-things.sql', import.meta.url));
    before = await executedMigrations(db.url, 'things_svc');
    orm = await createOrm({
      databaseUrl: db.url,
      schema: 'things_svc',
      entities: [Thing],
      migrations: [
        { name: 'CreateThings', class: CreateThings },
        { name: 'AddThingNotes', class: AddThingNotes },
      ],
    });
  });
  afterAll(async () => {
    await orm?.close();
    await db.drop();
  });

  it('keeps what 6.x ran and runs only the migration it never saw', async () => {
    expect(before.map((m) => m.name)).toEqual(['CreateThings']);
    const after = await executedMigrations(db.url, 'things_svc');
    expect(after[0]).toEqual(before[0]);
    expect(after.map((m) => m.name)).toEqual(['CreateThings', 'AddThingNotes']);
  });

  it('reads the rows 6.x wrote and keeps their sequence going', async () => {
    const em = orm.em.fork();
    expect(await em.find(Thing, {}, { orderBy: { id: 'asc' } })).toMatchObject([
      { id: 1, name: 'made by 6.x' },
    ]);
    const next = em.create(Thing, { name: 'made after the upgrade' });
    await em.flush();
    expect(next.id).toBe(2);
  });
});
