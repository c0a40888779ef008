import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import fixture from './fixtures/v6-files.json' with { type: 'json' };
import { GATEWAY, type Harness, startFiles } from './support/harness.js';

const FILE = 'query ($id: ID!) { file(id: $id) { id status sha256 size filename contentType } }';
const AVATAR =
  'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id avatarUrl } } }';

describe('files on a database MikroORM 6 made', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('files_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-files.sql', import.meta.url));
    before = await executedMigrations(db.url, 'files');
    h = await startFiles({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await h?.stop();
    await db.drop();
  });

  it('boots without running a migration again', async () => {
    expect(before.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(await executedMigrations(db.url, 'files')).toEqual(before);
  });

  it('serves the files and the avatar 6.x recorded', async () => {
    const alice = await h.stands.user('USER', fixture.aliceId);
    const text = await h.gql(FILE, { id: fixture.textFileId }, alice);
    expect(text.data?.file).toEqual({
      id: fixture.textFileId,
      status: 'READY',
      sha256: 'b02e3d953b7a4dbddcba3b9b1897c9a81290115054561303206fb98e84e6432a',
      size: 15,
      filename: 'notes.txt',
      contentType: 'text/plain',
    });
    const avatar = await h.gql(AVATAR, { reps: [{ __typename: 'User', id: fixture.aliceId }] });
    expect(avatar.data?._entities).toEqual([
      {
        id: fixture.aliceId,
        avatarUrl: `${GATEWAY}/files/avatars/${fixture.aliceId}?v=${fixture.imageFileId.slice(0, 8)}`,
      },
    ]);
  });
});
