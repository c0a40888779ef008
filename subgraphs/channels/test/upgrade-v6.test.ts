import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import fixture from './fixtures/v6-channels.json' with { type: 'json' };
import { type Harness, startChannels } from './setup.js';

const CHANNEL = `query ($id: ID!) { channel(id: $id) {
  name slug platform status owner { id } settings { postingSchedule language hashtags } nextPostAt
  members { totalCount edges { node { role user { id } } } }
  contentItems(first: 5) { totalCount edges { node { title kind status sourceTask { id } createdBy { id } } } }
} }`;

describe('channels on a database MikroORM 6 made', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('channels_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-channels.sql', import.meta.url));
    before = await executedMigrations(db.url, 'channels');
    h = await startChannels({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await h?.stop();
    await db.drop();
  });

  it('boots without running a migration again', async () => {
    expect(before.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(await executedMigrations(db.url, 'channels')).toEqual(before);
  });

  it('serves the channel, members and content 6.x stored, and still writes to them', async () => {
    const admin = await h.admin();
    const res = await h.gql<{ channel: Record<string, unknown> }>(
      CHANNEL,
      { id: fixture.channelId },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.channel).toMatchObject({
      name: 'Graph Channel',
      slug: 'graph-channel',
      platform: 'PODCAST',
      status: 'ACTIVE',
      owner: { id: fixture.ownerId },
      settings: { postingSchedule: '0 6 * * *', language: 'en', hashtags: ['ai'] },
      members: { totalCount: 2 },
      contentItems: {
        totalCount: 2,
        edges: [
          { node: { title: 'Episode 2', kind: 'SCRIPT', sourceTask: { id: 'task-9' }, createdBy: null } },
          {
            node: {
              title: 'Episode 1',
              status: 'DRAFT',
              sourceTask: null,
              createdBy: { id: fixture.ownerId },
            },
          },
        ],
      },
    });
    const archived = await h.gql(
      'mutation ($id: ID!) { archiveChannel(id: $id) { status } }',
      { id: fixture.channelId },
      admin.token,
    );
    expect(archived.data).toEqual({ archiveChannel: { status: 'ARCHIVED' } });
  });
});
