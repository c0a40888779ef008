import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from './support/bytes.js';
import { type Harness, startFiles } from './support/harness.js';
import type { TestUser } from './support/stand-ins.js';

const FILE = 'query ($id: ID!) { file(id: $id) { id filename owner { id } channel { id } } }';
const DELETE = 'mutation ($id: ID!) { deleteFile(id: $id) }';
const LIST = `query ($channelId: ID, $first: Int, $after: String, $search: String) {
  files(channelId: $channelId, first: $first, after: $after, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { filename } }
  }
}`;
const ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on File { id filename }
    ... on User { id files { totalCount } }
    ... on Channel { id files { totalCount } }
  }
}`;

type Conn = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: { filename: string } }[];
};

describe('who may read, upload to and delete files', () => {
  let h: Harness;
  let owner: TestUser;
  let viewer: TestUser;
  let editor: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let privateId: string;
  let sharedId: string;
  const channel = randomUUID();

  const codeOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0].extensions.code;

  beforeAll(async () => {
    h = await startFiles();
    [owner, viewer, editor, stranger, admin] = await Promise.all([
      h.stands.user(),
      h.stands.user(),
      h.stands.user(),
      h.stands.user(),
      h.stands.user('ADMIN'),
    ]);
    h.stands.setMember(channel, owner.id, { role: 'OWNER', status: 'ACTIVE' });
    h.stands.setMember(channel, viewer.id, { role: 'VIEWER', status: 'ACTIVE' });
    h.stands.setMember(channel, editor.id, { role: 'EDITOR', status: 'ACTIVE' });
    privateId = (await h.upload(owner, text(100), { filename: 'private.csv', contentType: 'text/csv' }))
      .ticket.file.id;
    sharedId = (
      await h.upload(owner, text(120), {
        filename: 'shared.csv',
        contentType: 'text/csv',
        channelId: channel,
      })
    ).ticket.file.id;
  });
  afterAll(() => h?.stop());

  it('lets owners, channel members and admins read; strangers get NOT_FOUND', async () => {
    const own = await h.gql<{ file: { owner: { id: string }; channel: { id: string } } }>(
      FILE,
      { id: sharedId },
      owner,
    );
    expect(own.data?.file).toMatchObject({ owner: { id: owner.id }, channel: { id: channel } });
    expect((await h.gql(FILE, { id: sharedId }, viewer)).data?.file).toBeTruthy();
    expect(codeOf(await h.gql(FILE, { id: privateId }, viewer))).toBe('NOT_FOUND');
    expect(codeOf(await h.gql(FILE, { id: sharedId }, stranger))).toBe('NOT_FOUND');
    expect((await h.gql(FILE, { id: privateId }, admin)).data?.file).toBeTruthy();
    expect(codeOf(await h.gql(FILE, { id: privateId }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gql(FILE, { id: 'nope' }, owner))).toBe('BAD_USER_INPUT');
  });

  it('lists a channel for its members only', async () => {
    const list = await h.gql<{ files: Conn }>(LIST, { channelId: channel }, viewer);
    expect(list.data?.files.edges.map((e) => e.node.filename)).toEqual(['shared.csv']);
    expect(codeOf(await h.gql(LIST, { channelId: channel }, stranger))).toBe('NOT_FOUND');
    expect((await h.gql<{ files: Conn }>(LIST, { channelId: channel }, admin)).data?.files.totalCount).toBe(
      1,
    );
  });

  it('lets EDITOR and OWNER upload to a channel, not VIEWER, not into an archived one', async () => {
    const input = { filename: 'x.txt', contentType: 'text/plain', size: 3, channelId: channel };
    expect(codeOf(await h.createUpload(viewer, input))).toBe('FORBIDDEN');
    expect(codeOf(await h.createUpload(stranger, input))).toBe('NOT_FOUND');
    expect((await h.createUpload(editor, input)).errors).toBeUndefined();
    const archived = randomUUID();
    h.stands.setMember(archived, editor.id, { role: 'EDITOR', status: 'ARCHIVED' });
    expect(codeOf(await h.createUpload(editor, { ...input, channelId: archived }))).toBe('FORBIDDEN');
  });

  it('lets only owners and admins delete', async () => {
    expect(codeOf(await h.gql(DELETE, { id: sharedId }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(DELETE, { id: privateId }, stranger))).toBe('NOT_FOUND');
    const doomed = (await h.upload(owner, text(30), { filename: 'doomed.txt', contentType: 'text/plain' }))
      .ticket.file.id;
    expect((await h.gql(DELETE, { id: doomed }, admin)).data).toEqual({ deleteFile: true });
    expect(codeOf(await h.gql(DELETE, { id: doomed }, owner))).toBe('NOT_FOUND');
  });

  it('pages and searches your own files', async () => {
    const me = await h.stands.user();
    for (const name of ['alpha.txt', 'beta.txt', 'gamma.txt', 'alphabet 100%.txt']) {
      await h.upload(me, text(10), { filename: name, contentType: 'text/plain' });
    }
    const page1 = (await h.gql<{ files: Conn }>(LIST, { first: 3 }, me)).data!.files;
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await h.gql<{ files: Conn }>(LIST, { first: 3, after: page1.pageInfo.endCursor }, me))
      .data!.files;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.filename)).toEqual([
      'alphabet 100%.txt',
      'gamma.txt',
      'beta.txt',
      'alpha.txt',
    ]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const found = (await h.gql<{ files: Conn }>(LIST, { search: 'ALPHA' }, me)).data!.files;
    expect(found.totalCount).toBe(2);
    expect((await h.gql<{ files: Conn }>(LIST, { search: '0%' }, me)).data!.files.totalCount).toBe(1);
    expect(codeOf(await h.gql(LIST, { first: 500 }, me))).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor whose id is not a uuid as BAD_USER_INPUT', async () => {
    const me = await h.stands.user();
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');
    const r = await h.gql<{ files: Conn }>(LIST, { after }, me);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves federation references with the same rules', async () => {
    const reps = [
      { __typename: 'File', id: sharedId },
      { __typename: 'File', id: privateId },
      { __typename: 'User', id: owner.id },
      { __typename: 'Channel', id: channel },
    ];
    const asViewer = await h.gql<{ _entities: unknown[] }>(ENTITIES, { reps }, viewer);
    expect(asViewer.data?._entities[0]).toEqual({ id: sharedId, filename: 'shared.csv' });
    expect(asViewer.data?._entities[1]).toBeNull();
    expect(asViewer.data?._entities[2]).toEqual({ id: owner.id, files: null });
    expect(asViewer.data?._entities[3]).toEqual({ id: channel, files: { totalCount: 1 } });
    expect(asViewer.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);

    const asOwner = await h.gql<{ _entities: { files: { totalCount: number } }[] }>(
      ENTITIES,
      { reps: reps.slice(2, 3) },
      owner,
    );
    expect(asOwner.data?._entities[0].files.totalCount).toBe(2);
  });

  it('serves other services with the authority of the user they act for', async () => {
    const get = (id: string, query: string, secret = h.secret) =>
      fetch(`${h.base}/internal/files/${id}/content?${query}`, { headers: { 'x-internal-auth': secret } });
    expect((await get(privateId, `userId=${owner.id}`, 'wrong-secret-wrong-secret')).status).toBe(403);

    const res = await get(sharedId, `userId=${viewer.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(res.headers.get('x-file-name')!)).toBe('shared.csv');
    expect((await res.arrayBuffer()).byteLength).toBe(120);

    expect((await get(privateId, `userId=${stranger.id}`)).status).toBe(404);
    expect((await get(privateId, `userId=${stranger.id}&role=ADMIN`)).status).toBe(200);
    expect((await get(randomUUID(), `userId=${owner.id}`)).status).toBe(404);
    expect((await get(privateId, 'userId=bob')).status).toBe(400);
  });
});
