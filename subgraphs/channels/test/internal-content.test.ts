import { internalHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, INTERNAL_SECRET, startChannels, type TestUser } from './setup.js';

describe('internal content routes: agent tools act as the task’s creator', () => {
  let h: Harness;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let channelId: string;

  const list = (
    userId: string,
    role = 'USER',
    query: Record<string, string> = {},
    secret = INTERNAL_SECRET,
  ) =>
    request(h.channels.app)
      .get(`/internal/channels/${channelId}/content`)
      .query({ userId, role, ...query })
      .set(internalHeaders(secret));
  const draft = (body: Record<string, unknown>) =>
    request(h.channels.app)
      .post(`/internal/channels/${channelId}/content`)
      .set(internalHeaders(INTERNAL_SECRET))
      .send(body);

  beforeAll(async () => {
    h = await startChannels();
    const { channels, members, content } = h.channels.services;
    [owner, viewer, outsider] = await Promise.all(['owner', 'viewer', 'outsider'].map((n) => h.user(n)));
    admin = await h.admin();
    const channel = await channels.create(owner.principal, { name: 'Agents', platform: 'NEWSLETTER' });
    channelId = channel.id;
    await members.add(owner.principal, channelId, viewer.id, 'VIEWER');
    await content.create(owner.principal, {
      channelId,
      title: 'Solar notes',
      body: 'Batteries',
      kind: 'ARTICLE',
    });
  });
  afterAll(() => h?.stop());

  it('lists a channel’s content to its members and ADMIN, and to nobody else', async () => {
    const seen = await list(viewer.id);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ totalCount: 1, items: [{ title: 'Solar notes', status: 'DRAFT' }] });
    expect((await list(viewer.id, 'USER', { search: 'nothing like it' })).body.totalCount).toBe(0);
    expect((await list(admin.id, 'ADMIN')).body.totalCount).toBe(1);

    const refused = await list(outsider.id);
    expect(refused.status).toBe(404);
    expect(refused.body.errors[0].extensions.code).toBe('NOT_FOUND');
    // A GUEST-scoped run, a bad user id and a bad secret are refused too.
    expect((await list(viewer.id, 'GUEST')).status).toBe(403);
    expect((await list('nope')).status).toBe(400);
    expect((await list(viewer.id, 'USER', {}, 'x'.repeat(29))).status).toBe(403);
  });

  it('drafts content as an editor or owner; a viewer or outsider cannot', async () => {
    const made = await draft({
      userId: owner.id,
      role: 'USER',
      title: 'Agent draft',
      body: 'Text',
      kind: 'POST',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ channelId, title: 'Agent draft', kind: 'POST', status: 'DRAFT' });
    const item = await h.channels.services.content.get(owner.principal, made.body.id);
    expect(item).toMatchObject({ createdBy: owner.id, title: 'Agent draft' });

    const viewers = await draft({ userId: viewer.id, role: 'USER', title: 'No', body: '', kind: 'POST' });
    expect(viewers.status).toBe(403);
    expect(viewers.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const outsiders = await draft({ userId: outsider.id, role: 'USER', title: 'No', body: '', kind: 'POST' });
    expect(outsiders.status).toBe(404);
    const bad = await draft({ userId: owner.id, role: 'USER', title: '', body: '', kind: 'SONG' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
