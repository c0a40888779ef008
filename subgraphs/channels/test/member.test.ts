import { internalHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelService } from '../src/modules/channel/channel.service.js';
import type { MemberService } from '../src/modules/member/member.service.js';
import { failure, type Harness, INTERNAL_SECRET, startChannels, type TestUser } from './setup.js';

describe('channels: members', () => {
  let h: Harness;
  let channels: ChannelService;
  let members: MemberService;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    h = await startChannels();
    ({ channels, members } = h.channels.services);
    [owner, editor, viewer, outsider] = await Promise.all(
      ['owner', 'editor', 'viewer', 'outsider'].map((n) => h.user(n)),
    );
    admin = await h.admin();
  });
  afterAll(() => h?.stop());

  const team = async (name: string) => {
    const channel = await channels.create(owner.principal, { name, platform: 'NEWSLETTER' });
    await members.add(owner.principal, channel.id, editor.id, 'EDITOR');
    await members.add(owner.principal, channel.id, viewer.id, 'VIEWER');
    return channel;
  };

  it('lets owners add members who exist in identity, once', async () => {
    const c = await team('Adding');
    const page = await members.list(viewer.principal, c.id, {});
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e) => [e.node.userId, e.node.role])).toEqual([
      [viewer.id, 'VIEWER'],
      [editor.id, 'EDITOR'],
      [owner.id, 'OWNER'],
    ]);
    expect(await failure(members.add(owner.principal, c.id, editor.id, 'VIEWER'))).toMatchObject({
      code: 'CONFLICT',
      field: 'userId',
    });
    expect(
      await failure(members.add(owner.principal, c.id, '00000000-0000-4000-8000-000000000000', 'VIEWER')),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'userId',
      message: 'User not found',
    });
    expect(await failure(members.add(owner.principal, c.id, 'bob', 'VIEWER'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(await failure(members.add(owner.principal, c.id, outsider.id, 'GOD'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'role',
    });
    expect((await members.add(admin.principal, c.id, outsider.id, 'VIEWER')).role).toBe('VIEWER');
  });

  it('keeps member management for owners: editors and viewers get FORBIDDEN, outsiders NOT_FOUND', async () => {
    const c = await team('Guarded');
    for (const who of [editor, viewer]) {
      expect((await failure(members.add(who.principal, c.id, outsider.id, 'VIEWER'))).code).toBe('FORBIDDEN');
      expect((await failure(members.setRole(who.principal, c.id, viewer.id, 'EDITOR'))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await failure(members.remove(editor.principal, c.id, viewer.id))).code).toBe('FORBIDDEN');
    expect((await failure(members.add(outsider.principal, c.id, outsider.id, 'OWNER'))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(members.list(outsider.principal, c.id, {}))).code).toBe('NOT_FOUND');
    expect((await failure(members.remove(outsider.principal, c.id, viewer.id))).code).toBe('NOT_FOUND');
  });

  it('changes roles and never leaves a channel without an owner', async () => {
    const c = await team('Owned');
    expect(await failure(members.setRole(owner.principal, c.id, owner.id, 'EDITOR'))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await failure(members.remove(owner.principal, c.id, owner.id))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await failure(members.setRole(owner.principal, c.id, outsider.id, 'EDITOR'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'userId',
    });

    expect((await members.setRole(owner.principal, c.id, editor.id, 'OWNER')).role).toBe('OWNER');
    // The primary owner steps down: the longest-standing other owner takes the channel over.
    await members.remove(owner.principal, c.id, owner.id);
    expect((await channels.get(editor.principal, c.id))?.ownerId).toBe(editor.id);
    expect(await channels.get(owner.principal, c.id)).toBeNull();
    expect(await failure(members.remove(editor.principal, c.id, editor.id))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('does not lose the last owner when two owners step down at once', async () => {
    const c = await channels.create(owner.principal, { name: 'Race', platform: 'X' });
    await members.add(owner.principal, c.id, editor.id, 'OWNER');
    const results = await Promise.allSettled([
      members.remove(owner.principal, c.id, owner.id),
      members.remove(editor.principal, c.id, editor.id),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const left = await members.list(admin.principal, c.id, {});
    expect(left.edges.map((e) => e.node.role)).toEqual(['OWNER']);
  });

  it('lets any member leave, and archived channels refuse new members', async () => {
    const c = await team('Leaving');
    expect(await members.remove(viewer.principal, c.id, viewer.id)).toBe(true);
    expect(await channels.get(viewer.principal, c.id)).toBeNull();
    await channels.archive(owner.principal, c.id);
    expect((await failure(members.add(owner.principal, c.id, viewer.id, 'VIEWER'))).code).toBe('CONFLICT');
    expect((await failure(members.setRole(owner.principal, c.id, editor.id, 'VIEWER'))).code).toBe(
      'CONFLICT',
    );
    expect(await members.remove(editor.principal, c.id, editor.id)).toBe(true);
  });

  it('answers other services on the internal membership route, with the secret only', async () => {
    const c = await team('Internal');
    const get = (channelId: string, userId: string, secret = INTERNAL_SECRET) =>
      request(h.channels.app)
        .get(`/internal/channels/${channelId}/members/${userId}`)
        .set(internalHeaders(secret));

    expect((await get(c.id, editor.id)).body).toEqual({ role: 'EDITOR', status: 'ACTIVE' });
    expect((await get(c.id, outsider.id)).status).toBe(404);
    expect((await get('nope', editor.id)).status).toBe(404);
    expect((await get(c.id, 'nope')).status).toBe(404);
    expect((await get(c.id, editor.id, 'x'.repeat(30))).status).toBe(403);
    await channels.update(owner.principal, c.id, { status: 'PAUSED' });
    expect((await get(c.id, viewer.id)).body).toEqual({ role: 'VIEWER', status: 'PAUSED' });
  });

  it('refuses a page cursor whose id is not a uuid', async () => {
    const c = await team('Paged');
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');
    expect(await failure(members.list(owner.principal, c.id, { after }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
