import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../src/modules/channel/channel.entity.js';
import type { ContentService } from '../src/modules/content/content.service.js';
import { failure, type Harness, startChannels, type TestUser } from './setup.js';

describe('channels: content library', () => {
  let h: Harness;
  let content: ContentService;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let channel: Channel;

  beforeAll(async () => {
    h = await startChannels();
    content = h.channels.services.content;
    [owner, editor, viewer, outsider] = await Promise.all(
      ['owner', 'editor', 'viewer', 'outsider'].map((n) => h.user(n)),
    );
    channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Library',
      platform: 'BLOG',
    });
    await h.channels.services.members.add(owner.principal, channel.id, editor.id, 'EDITOR');
    await h.channels.services.members.add(owner.principal, channel.id, viewer.id, 'VIEWER');
  });
  afterAll(() => h?.stop());

  const draft = (title = 'A post', by = editor) =>
    content.create(by.principal, { channelId: channel.id, title, body: 'Hello', kind: 'POST' });

  it('lets editors and owners write; viewers read; outsiders see nothing', async () => {
    const item = await draft('Written by an editor');
    expect(item).toMatchObject({ status: 'DRAFT', kind: 'POST', createdBy: editor.id, sourceTaskId: null });
    expect((await draft('Written by the owner', owner)).createdBy).toBe(owner.id);
    expect((await failure(draft('by a viewer', viewer))).code).toBe('FORBIDDEN');
    expect((await failure(draft('by an outsider', outsider))).code).toBe('NOT_FOUND');
    expect((await content.get(viewer.principal, item.id))?.title).toBe('Written by an editor');
    expect(await content.get(outsider.principal, item.id)).toBeNull();
    for (const op of [
      () => content.update(viewer.principal, item.id, { title: 'x' }),
      () => content.approve(viewer.principal, item.id),
      () => content.publish(viewer.principal, item.id),
      () => content.delete(viewer.principal, item.id),
    ]) {
      expect((await failure(op())).code).toBe('FORBIDDEN');
    }
    expect(await failure(content.approve(outsider.principal, item.id))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Content item not found',
    });
  });

  it('refuses bad content input naming the field', async () => {
    const base = { channelId: channel.id, title: 'ok', body: '', kind: 'POST' };
    for (const [input, field] of [
      [{ ...base, title: '  ' }, 'title'],
      [{ ...base, title: 't'.repeat(201) }, 'title'],
      [{ ...base, body: 'b'.repeat(100_001) }, 'body'],
      [{ ...base, kind: 'MEME' }, 'kind'],
    ] as const) {
      expect(await failure(content.create(editor.principal, input))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect((await failure(content.create(editor.principal, { ...base, channelId: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('moves DRAFT -> APPROVED -> PUBLISHED, and editing approved content makes it a draft again', async () => {
    const item = await draft('Lifecycle');
    expect(await failure(content.publish(editor.principal, item.id))).toMatchObject({ code: 'CONFLICT' });
    const approved = await content.approve(editor.principal, item.id);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: editor.id });
    const edited = await content.update(owner.principal, item.id, { body: 'Better' });
    expect(edited).toMatchObject({ status: 'DRAFT', body: 'Better', approvedAt: null });
    await content.approve(owner.principal, item.id);
    const published = await content.publish(editor.principal, item.id);
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect((await content.publish(editor.principal, item.id)).status).toBe('PUBLISHED');
    expect((await failure(content.update(editor.principal, item.id, { title: 'late' }))).code).toBe(
      'CONFLICT',
    );
    expect((await failure(content.approve(editor.principal, item.id))).code).toBe('CONFLICT');
  });

  it('deletes, and lists with filters, search and pages', async () => {
    const c = await h.channels.services.channels.create(owner.principal, {
      name: 'Listing',
      platform: 'BLOG',
    });
    const make = (title: string, kind: string) =>
      content.create(owner.principal, { channelId: c.id, title, body: `${title} body`, kind });
    const [a, , , d] = [
      await make('Alpha script', 'SCRIPT'),
      await make('Beta post', 'POST'),
      await make('Gamma post', 'POST'),
      await make('Delta article', 'ARTICLE'),
    ];
    await content.approve(owner.principal, a.id);
    expect(await content.delete(owner.principal, d.id)).toBe(true);
    expect(await content.get(owner.principal, d.id)).toBeNull();
    expect((await failure(content.delete(owner.principal, d.id))).code).toBe('NOT_FOUND');

    const all = await content.list(owner.principal, c.id, {});
    expect(all.edges.map((e) => e.node.title)).toEqual(['Gamma post', 'Beta post', 'Alpha script']);
    expect((await content.list(owner.principal, c.id, { kind: 'POST' })).totalCount).toBe(2);
    expect((await content.list(owner.principal, c.id, { status: 'APPROVED' })).edges[0].node.id).toBe(a.id);
    expect((await content.list(owner.principal, c.id, { search: 'beta POST' })).totalCount).toBe(1);
    expect((await content.list(owner.principal, c.id, { search: 'ALPHA SCRIPT BODY' })).totalCount).toBe(1);
    const p1 = await content.list(owner.principal, c.id, { first: 2 });
    const p2 = await content.list(owner.principal, c.id, { first: 2, after: p1.pageInfo.endCursor });
    expect([...p1.edges, ...p2.edges].map((e) => e.node.title)).toEqual([
      'Gamma post',
      'Beta post',
      'Alpha script',
    ]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect((await failure(content.list(outsider.principal, c.id, {}))).code).toBe('NOT_FOUND');
    expect(await failure(content.list(owner.principal, c.id, { status: 'LOST' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
  });

  it('makes an archived channel read-only until it is restored', async () => {
    const c = await h.channels.services.channels.create(owner.principal, {
      name: 'Frozen',
      platform: 'BLOG',
    });
    const item = await content.create(owner.principal, { channelId: c.id, title: 'Kept', kind: 'OTHER' });
    await h.channels.services.channels.archive(owner.principal, c.id);
    expect((await failure(content.approve(owner.principal, item.id))).code).toBe('CONFLICT');
    expect(
      (await failure(content.create(owner.principal, { channelId: c.id, title: 'New', kind: 'OTHER' }))).code,
    ).toBe('CONFLICT');
    expect((await content.list(owner.principal, c.id, {})).totalCount).toBe(1);
    await h.channels.services.channels.restore(owner.principal, c.id);
    expect((await content.approve(owner.principal, item.id)).status).toBe('APPROVED');
  });

  it('refuses a page cursor whose id is not a uuid', async () => {
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');
    expect(await failure(content.list(owner.principal, channel.id, { after }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
