import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelService } from '../src/modules/channel/channel.service.js';
import { failure, type Harness, startChannels, type TestUser } from './setup.js';

describe('channels: channel rules', () => {
  let h: Harness;
  let svc: ChannelService;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    h = await startChannels();
    svc = h.channels.services.channels;
    [owner, editor, viewer, outsider] = await Promise.all(
      ['owner', 'editor', 'viewer', 'outsider'].map((n) => h.user(n)),
    );
    admin = await h.admin();
  });
  afterAll(() => h?.stop());

  const withTeam = async (name: string) => {
    const channel = await svc.create(owner.principal, { name, platform: 'BLOG' });
    await h.channels.services.members.add(owner.principal, channel.id, editor.id, 'EDITOR');
    await h.channels.services.members.add(owner.principal, channel.id, viewer.id, 'VIEWER');
    return channel;
  };

  it('creates a channel owned by its creator, with a slug and default settings', async () => {
    const channel = await svc.create(owner.principal, {
      name: '  Café Tech — Weekly!  ',
      platform: 'YOUTUBE',
      description: 'Reviews',
      settings: { tone: 'friendly', hashtags: ['#Tech', 'tech', 'ai_news'], language: 'pt-br' },
    });
    expect(channel).toMatchObject({
      name: 'Café Tech — Weekly!',
      slug: 'cafe-tech-weekly',
      platform: 'YOUTUBE',
      status: 'ACTIVE',
      ownerId: owner.id,
      settings: {
        tone: 'friendly',
        audience: null,
        language: 'pt-BR',
        hashtags: ['Tech', 'ai_news'],
        postingSchedule: null,
      },
    });
    expect(await h.channels.services.members.membership(channel.id, owner.id)).toEqual({
      role: 'OWNER',
      status: 'ACTIVE',
    });
  });

  it('keeps slugs unique, also between channels created at the same moment', async () => {
    const made = await Promise.all(
      Array.from({ length: 4 }, () => svc.create(owner.principal, { name: 'Daily Tips', platform: 'X' })),
    );
    expect(made.map((c) => c.slug).sort()).toEqual([
      'daily-tips',
      'daily-tips-2',
      'daily-tips-3',
      'daily-tips-4',
    ]);
    expect((await svc.create(owner.principal, { name: '日本語', platform: 'X' })).slug).toBe('channel');

    const c = await svc.create(owner.principal, { name: 'Renamed Later', platform: 'X' });
    expect(await failure(svc.update(owner.principal, c.id, { slug: 'daily-tips' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'slug',
    });
    expect(await failure(svc.update(owner.principal, c.id, { slug: 'Not A Slug' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'slug',
    });
    const renamed = await svc.update(owner.principal, c.id, { name: 'Another Name', slug: 'my-own-slug' });
    expect(renamed).toMatchObject({ name: 'Another Name', slug: 'my-own-slug' });
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ', platform: 'BLOG' }, 'name'],
      [{ name: 'x'.repeat(101), platform: 'BLOG' }, 'name'],
      [{ name: 'ok', platform: 'MYSPACE' }, 'platform'],
      [{ name: 'ok', platform: 'BLOG', description: 'd'.repeat(2001) }, 'description'],
      [{ name: 'ok', platform: 'BLOG', settings: 'loud' }, 'settings'],
      [{ name: 'ok', platform: 'BLOG', settings: { mood: 'happy' } }, 'settings'],
      [{ name: 'ok', platform: 'BLOG', settings: { hashtags: 'ai' } }, 'settings.hashtags'],
      [{ name: 'ok', platform: 'BLOG', settings: { hashtags: ['no spaces'] } }, 'settings.hashtags.0'],
      [{ name: 'ok', platform: 'BLOG', settings: { tone: 5 } }, 'settings.tone'],
      [{ name: 'ok', platform: 'BLOG', settings: { language: 'not a language!' } }, 'settings.language'],
      [
        { name: 'ok', platform: 'BLOG', settings: { postingSchedule: 'every monday' } },
        'settings.postingSchedule',
      ],
      [
        { name: 'ok', platform: 'BLOG', settings: { postingSchedule: '61 * * * *' } },
        'settings.postingSchedule',
      ],
      [
        { name: 'ok', platform: 'BLOG', settings: { postingSchedule: '0 9 * * * *' } },
        'settings.postingSchedule',
      ],
      [
        { name: 'ok', platform: 'BLOG', settings: { postingSchedule: '*/5 * * * *' } },
        'settings.postingSchedule',
      ],
    ];
    for (const [input, field] of cases) {
      const err = await failure(svc.create(owner.principal, input as never));
      expect({ input, ...err }).toMatchObject({ input, code: 'BAD_USER_INPUT', field });
    }
    const unknownKey = await failure(
      svc.create(owner.principal, { name: 'ok', platform: 'BLOG', settings: { mood: 1 } }),
    );
    expect(unknownKey.message).toMatch(/unknown key mood/);
  });

  it('normalises schedules and merges settings changes', async () => {
    const c = await svc.create(owner.principal, {
      name: 'Scheduled',
      platform: 'LINKEDIN',
      settings: { postingSchedule: '@daily', audience: 'founders' },
    });
    expect(c.settings.postingSchedule).toBe('0 0 * * *');
    const updated = await svc.update(owner.principal, c.id, {
      settings: { postingSchedule: '30 9 * * MON-FRI', tone: 'dry' },
    });
    expect(updated.settings).toMatchObject({
      postingSchedule: '30 9 * * 1-5',
      tone: 'dry',
      audience: 'founders',
    });
    const cleared = await svc.update(owner.principal, c.id, {
      settings: { postingSchedule: null, audience: '' },
    });
    expect(cleared.settings).toMatchObject({ postingSchedule: null, tone: 'dry', audience: null });
  });

  it('lets owners and admins change settings; editors and viewers get FORBIDDEN, outsiders NOT_FOUND', async () => {
    const c = await withTeam('Settings Team');
    for (const who of [editor, viewer]) {
      expect((await failure(svc.update(who.principal, c.id, { name: 'mine' }))).code).toBe('FORBIDDEN');
      expect((await failure(svc.archive(who.principal, c.id))).code).toBe('FORBIDDEN');
    }
    expect((await failure(svc.update(outsider.principal, c.id, { name: 'mine' }))).code).toBe('NOT_FOUND');
    expect((await failure(svc.update(owner.principal, 'not-a-uuid', { name: 'x' }))).code).toBe('NOT_FOUND');
    expect((await svc.update(admin.principal, c.id, { description: 'by admin' })).description).toBe(
      'by admin',
    );
    expect((await svc.update(owner.principal, c.id, { platform: 'PODCAST' })).platform).toBe('PODCAST');
    expect(await failure(svc.update(owner.principal, c.id, { status: 'ARCHIVED' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
  });

  it('archives softly and restores to the status it had', async () => {
    const c = await withTeam('Archivable');
    await svc.update(owner.principal, c.id, { status: 'PAUSED' });
    const archived = await svc.archive(owner.principal, c.id);
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await failure(svc.update(owner.principal, c.id, { name: 'again' }))).code).toBe('CONFLICT');
    expect((await svc.get(viewer.principal, c.id))?.status).toBe('ARCHIVED');
    expect((await svc.archive(owner.principal, c.id)).status).toBe('ARCHIVED');

    const restored = await svc.restore(owner.principal, c.id);
    expect(restored).toMatchObject({ status: 'PAUSED', archivedAt: null, slug: 'archivable' });
    expect((await svc.update(owner.principal, c.id, { status: 'ACTIVE' })).status).toBe('ACTIVE');
  });

  it('shows channels to their members and admins only, with search, filters and pages', async () => {
    const lister = await h.user('lister');
    const names = ['Alpha Blog', 'Beta Blog', 'Gamma Pod', 'Delta Blog', 'Old Blog'];
    const made = [];
    for (const name of names) {
      made.push(
        await svc.create(lister.principal, { name, platform: name.includes('Pod') ? 'PODCAST' : 'BLOG' }),
      );
    }
    await svc.archive(lister.principal, made[4].id);

    const all = await svc.list(lister.principal, {});
    expect(all.totalCount).toBe(4);
    expect(all.edges.map((e) => e.node.name)).toEqual(['Delta Blog', 'Gamma Pod', 'Beta Blog', 'Alpha Blog']);
    expect((await svc.list(lister.principal, { status: 'ARCHIVED' })).edges.map((e) => e.node.name)).toEqual([
      'Old Blog',
    ]);
    expect((await svc.list(lister.principal, { platform: 'PODCAST' })).totalCount).toBe(1);
    expect((await svc.list(lister.principal, { search: 'BLOG' })).totalCount).toBe(3);
    expect((await svc.list(lister.principal, { search: '100%_' })).totalCount).toBe(0);

    const page1 = await svc.list(lister.principal, { first: 3 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await svc.list(lister.principal, { first: 3, after: page1.pageInfo.endCursor });
    expect(page2.edges.map((e) => e.node.name)).toEqual(['Alpha Blog']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    expect((await svc.list(outsider.principal, { search: 'Blog' })).totalCount).toBe(0);
    expect(await svc.get(outsider.principal, made[0].id)).toBeNull();
    expect((await svc.list(admin.principal, { search: 'Gamma' })).totalCount).toBe(1);
    expect(await failure(svc.list(lister.principal, { first: 0 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(await failure(svc.list(lister.principal, { after: 'garbage' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(await failure(svc.list(lister.principal, { platform: 'FAX' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'platform',
    });
  });

  it('finds a channel by slug for members only', async () => {
    const c = await withTeam('Slug Lookup');
    expect((await svc.getBySlug(viewer.principal, 'SLUG-lookup'))?.id).toBe(c.id);
    expect(await svc.getBySlug(outsider.principal, 'slug-lookup')).toBeNull();
  });

  it('refuses a page cursor whose id is not a uuid', async () => {
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');
    expect(await failure(svc.list(owner.principal, { after }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
