import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startChannels, type TestUser } from './setup.js';

const CREATE = `mutation ($i: CreateChannelInput!) { createChannel(input: $i) { id slug status settings { language hashtags postingSchedule } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Channel { id name viewerRole owner { id } }
  ... on User { id channels { totalCount edges { node { name } } } }
  ... on ContentItem { id title }
} }`;

describe('channels: GraphQL and federation', () => {
  let h: Harness;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let channelId: string;

  beforeAll(async () => {
    h = await startChannels();
    [owner, viewer, outsider] = await Promise.all([h.user('owner'), h.user('viewer'), h.user('outsider')]);
    const created = await h.gql<{ createChannel: { id: string } }>(
      CREATE,
      { i: { name: 'Graph Channel', platform: 'PODCAST', settings: { postingSchedule: '0 6 * * *' } } },
      owner.token,
    );
    channelId = created.data!.createChannel.id;
    await h.gql(
      'mutation ($c: ID!, $u: ID!) { addChannelMember(channelId: $c, userId: $u, role: VIEWER) { role } }',
      { c: channelId, u: viewer.id },
      owner.token,
    );
  });
  afterAll(() => h?.stop());

  it('asks guests to sign in and refuses bad tokens', async () => {
    for (const token of [undefined, 'not.a.jwt']) {
      const res = await h.gql('{ channels { totalCount } }', {}, token);
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers bad input with BAD_USER_INPUT naming the field, and no stack traces', async () => {
    const cases: [Record<string, unknown>, RegExp, string | undefined][] = [
      [{ name: '', platform: 'BLOG' }, /name: must not be empty/, 'name'],
      [{ name: 'ok', platform: 'MYSPACE' }, /MYSPACE/, undefined],
      [{ name: 'ok', platform: 'BLOG', settings: { mood: 'x' } }, /mood/, undefined],
      [{ name: 'ok', platform: 'BLOG', settings: { hashtags: [1, 2] } }, /hashtags/, undefined],
      [
        { name: 'ok', platform: 'BLOG', settings: { postingSchedule: 'tomorrow' } },
        /postingSchedule/,
        'settings.postingSchedule',
      ],
    ];
    for (const [input, message, field] of cases) {
      const res = await h.gql(CREATE, { i: input }, owner.token);
      expect(res.errors?.[0]).toMatchObject({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT' },
      });
      if (field) expect(res.errors?.[0].extensions.field).toBe(field);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at \w+ \(/);
    }
  });

  it('reads a channel with its owner, members, role, schedule and content', async () => {
    await h.gql(
      'mutation ($i: CreateContentItemInput!) { createContentItem(input: $i) { id } }',
      { i: { channelId, title: 'Episode 1', body: 'Show notes', kind: 'SCRIPT' } },
      owner.token,
    );
    await h.channels.services.content.createFromTask({
      taskId: 'task-9',
      type: 'podcast_script',
      channelId,
      result: { title: 'Episode 2' },
    });
    const res = await h.gql<{ channel: Record<string, unknown> }>(
      `query ($id: ID!) { channel(id: $id) {
        name slug platform status viewerRole nextPostAt owner { id }
        settings { postingSchedule language }
        members { totalCount edges { node { role user { id } channel { id } } } }
        contentItems(first: 5) { totalCount edges { node { title kind status channel { id } sourceTask { id } createdBy { id } } } }
      } }`,
      { id: channelId },
      viewer.token,
    );
    expect(res.errors).toBeUndefined();
    const channel = res.data!.channel;
    expect(channel).toMatchObject({
      name: 'Graph Channel',
      slug: 'graph-channel',
      platform: 'PODCAST',
      viewerRole: 'VIEWER',
      owner: { id: owner.id },
      settings: { postingSchedule: '0 6 * * *', language: 'en' },
      members: { totalCount: 2 },
      contentItems: {
        totalCount: 2,
        edges: [
          { node: { title: 'Episode 2', kind: 'SCRIPT', sourceTask: { id: 'task-9' }, createdBy: null } },
          { node: { title: 'Episode 1', status: 'DRAFT', sourceTask: null, createdBy: { id: owner.id } } },
        ],
      },
    });
    expect(new Date(channel.nextPostAt as string).getUTCHours()).toBe(6);
    expect(
      (await h.gql('query ($id: ID!) { channel(id: $id) { id } }', { id: channelId }, outsider.token)).data,
    ).toEqual({
      channel: null,
    });
  });

  it('resolves Channel, User and ContentItem references for members only', async () => {
    const item = (await h.channels.services.content.list(owner.principal, channelId, {})).edges[0].node;
    const reps = [
      { __typename: 'Channel', id: channelId },
      { __typename: 'User', id: viewer.id },
      { __typename: 'ContentItem', id: item.id },
      { __typename: 'Channel', id: 'nope' },
    ];
    const asViewer = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: reps }, viewer.token);
    expect(asViewer.data?._entities).toEqual([
      { id: channelId, name: 'Graph Channel', viewerRole: 'VIEWER', owner: { id: owner.id } },
      { id: viewer.id, channels: { totalCount: 1, edges: [{ node: { name: 'Graph Channel' } }] } },
      { id: item.id, title: item.title },
      null,
    ]);
    const asOutsider = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: reps }, outsider.token);
    // Someone else's channels show only where the caller is a member too.
    expect(asOutsider.data?._entities).toEqual([
      null,
      { id: viewer.id, channels: { totalCount: 0, edges: [] } },
      null,
      null,
    ]);
  });

  it('runs the member and archive mutations over GraphQL', async () => {
    const res = await h.gql<{ setChannelMemberRole: { role: string; user: { id: string } } }>(
      'mutation ($c: ID!, $u: ID!) { setChannelMemberRole(channelId: $c, userId: $u, role: EDITOR) { role user { id } } }',
      { c: channelId, u: viewer.id },
      owner.token,
    );
    expect(res.data?.setChannelMemberRole).toEqual({ role: 'EDITOR', user: { id: viewer.id } });
    const archived = await h.gql<{ archiveChannel: { status: string; archivedAt: string } }>(
      'mutation ($id: ID!) { archiveChannel(id: $id) { status archivedAt } }',
      { id: channelId },
      viewer.token,
    );
    expect(archived.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const byOwner = await h.gql<{ archiveChannel: { status: string } }>(
      'mutation ($id: ID!) { archiveChannel(id: $id) { status } }',
      { id: channelId },
      owner.token,
    );
    expect(byOwner.data?.archiveChannel.status).toBe('ARCHIVED');
    const restored = await h.gql<{ restoreChannel: { status: string; nextPostAt: string | null } }>(
      'mutation ($id: ID!) { restoreChannel(id: $id) { status nextPostAt } }',
      { id: channelId },
      owner.token,
    );
    expect(restored.data?.restoreChannel.status).toBe('ACTIVE');
    expect(restored.data?.restoreChannel.nextPostAt).not.toBeNull();
  });
});
