import { appendEvent } from '@trae/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleUpdated } from '../src/modules/channel/schedule-event.js';
import { draftFromTask } from '../src/modules/content/draft-from-task.js';
import { failure, type Harness, startChannels, type TestUser } from './setup.js';

const completed = (over: Record<string, unknown>) => ({
  taskId: crypto.randomUUID(),
  agent: 'content',
  type: 'social_media_posts',
  status: 'SUCCEEDED',
  channelId: null,
  createdBy: null,
  result: 'Five tips for better sleep\n\n1. ...',
  error: null,
  completedAt: new Date().toISOString(),
  ...over,
});

describe('channels: service events', () => {
  let h: Harness;
  let owner: TestUser;
  let editor: TestUser;

  beforeAll(async () => {
    h = await startChannels();
    [owner, editor] = await Promise.all([h.user('owner'), h.user('editor')]);
  });
  afterAll(() => h?.stop());

  const drafts = async (channelId: string) =>
    (await h.channels.services.content.list(owner.principal, channelId, {})).edges.map((e) => e.node);
  const pending = async () => ((await h.redis.xpending('events:tasks', 'channels')) as [number])[0];
  const scheduleEvents = async (channelId: string) =>
    (await h.redis.xrange('events:channels', '-', '+'))
      .map(([, f]) => ({ type: f[1], payload: JSON.parse(f[3]) as ScheduleUpdated }))
      .filter((e) => e.payload.channelId === channelId);

  it('stores a successful content task as a DRAFT exactly once, even when delivered twice', async () => {
    const channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Drafts',
      platform: 'X',
    });
    const event = completed({
      channelId: channel.id,
      result: { title: 'Sleep tips', posts: ['One', { text: 'Two' }] },
    });
    await appendEvent(h.redis, 'events:tasks', 'task.completed', event);
    await appendEvent(h.redis, 'events:tasks', 'task.completed', event);
    await expect.poll(() => drafts(channel.id), { timeout: 10_000 }).toHaveLength(1);
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
    expect((await drafts(channel.id))[0]).toMatchObject({
      title: 'Sleep tips',
      body: 'One\n\n---\n\nTwo',
      kind: 'POST',
      status: 'DRAFT',
      sourceTaskId: event.taskId,
      createdBy: null,
    });
  });

  it('keeps the first draft when a rerun of the same task completes again, with the edits made to it', async () => {
    const channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Reruns',
      platform: 'X',
    });
    const first = completed({ channelId: channel.id, result: { title: 'First run', body: 'One' } });
    await appendEvent(h.redis, 'events:tasks', 'task.completed', first);
    await expect.poll(() => drafts(channel.id), { timeout: 10_000 }).toHaveLength(1);
    const [draft] = await drafts(channel.id);
    await h.channels.services.content.update(owner.principal, draft.id, { body: 'Edited' });

    // At-least-once execution: the same task id again, with what a second run produced.
    const rerun = { ...first, result: { title: 'Second run', body: 'Two' } };
    const other = completed({ channelId: channel.id, result: { title: 'Another task' } });
    await appendEvent(h.redis, 'events:tasks', 'task.completed', rerun);
    await appendEvent(h.redis, 'events:tasks', 'task.completed', other);
    await expect.poll(() => drafts(channel.id), { timeout: 10_000 }).toHaveLength(2);
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
    const bySource = (await drafts(channel.id)).filter((d) => d.sourceTaskId === first.taskId);
    expect(bySource.map((d) => [d.id, d.title, d.body])).toEqual([[draft.id, 'First run', 'Edited']]);
  });

  it('skips other events, other agents, malformed entries and unknown channels without blocking the stream', async () => {
    const channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Quiet',
      platform: 'X',
    });
    const skipped = [
      ['task.failed', completed({ channelId: channel.id, status: 'FAILED', error: 'boom' })],
      ['task.completed', completed({ channelId: channel.id, agent: 'research' })],
      ['task.completed', completed({ channelId: null })],
      ['task.completed', completed({ channelId: crypto.randomUUID() })],
      ['task.completed', completed({ channelId: 'not-a-uuid' })],
      ['task.completed', { nonsense: true }],
    ] as const;
    for (const [type, payload] of skipped) await appendEvent(h.redis, 'events:tasks', type, payload);
    const last = completed({ channelId: channel.id, type: 'video_script', result: '# Intro\nHello' });
    await appendEvent(h.redis, 'events:tasks', 'task.completed', last);
    await expect.poll(() => drafts(channel.id), { timeout: 10_000 }).toHaveLength(1);
    expect((await drafts(channel.id))[0]).toMatchObject({
      title: 'Intro',
      kind: 'SCRIPT',
      sourceTaskId: last.taskId,
    });
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
  });

  it('appends content.published to events:channels once when an item is published, naming the channel owner', async () => {
    const channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Published',
      platform: 'BLOG',
    });
    const { content } = h.channels.services;
    const item = await content.create(owner.principal, {
      channelId: channel.id,
      title: 'Out',
      kind: 'ARTICLE',
    });
    await content.approve(owner.principal, item.id);

    await content.publish(owner.principal, item.id);
    await content.publish(owner.principal, item.id);

    const published = async () =>
      (await h.redis.xrange('events:channels', '-', '+'))
        .map(([, f]) => ({ type: f[1], payload: JSON.parse(f[3]) as Record<string, unknown> }))
        .filter((e) => e.type === 'content.published' && e.payload.channelId === channel.id);
    await expect.poll(published, { timeout: 10_000 }).toHaveLength(1);
    expect((await published())[0].payload).toEqual({
      contentItemId: item.id,
      channelId: channel.id,
      ownerId: owner.id,
      publishedBy: owner.id,
      title: 'Out',
      kind: 'ARTICLE',
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('keeps one draft per task when the same task races in from several consumers', async () => {
    const channel = await h.channels.services.channels.create(owner.principal, {
      name: 'Racing',
      platform: 'X',
    });
    const task = { taskId: 'task-42', type: 'blog_article', channelId: channel.id, result: { body: 'Text' } };
    const stored = await Promise.all(
      Array.from({ length: 5 }, () => h.channels.services.content.createFromTask(task)),
    );
    expect(stored.filter(Boolean)).toHaveLength(1);
    expect((await drafts(channel.id)).map((d) => [d.kind, d.title])).toEqual([['ARTICLE', 'Text']]);
  });

  it('turns task results of every usual shape into a draft', () => {
    // The content agent's three result shapes.
    const social = {
      platform: 'X',
      maxChars: 280,
      posts: [{ text: 'Sleep well #sleep', characters: 17 }, { text: 'Nap' }],
    };
    expect(draftFromTask('social_media_posts', social)).toEqual({
      title: 'Sleep well #sleep',
      body: 'Sleep well #sleep\n\n---\n\nNap',
      kind: 'POST',
    });
    expect(
      draftFromTask('content_generation', {
        kind: 'blog_post',
        title: 'Why sleep',
        body: '# Why sleep\n...',
      }),
    ).toEqual({
      title: 'Why sleep',
      body: '# Why sleep\n...',
      kind: 'ARTICLE',
    });
    expect(draftFromTask('script_writing', { format: 'youtube', script: 'HOOK: Tired?' })).toMatchObject({
      title: 'HOOK: Tired?',
      kind: 'SCRIPT',
    });
    expect(draftFromTask('content_generation', { kind: 'email', body: 'Hi' }).kind).toBe('OTHER');
    expect(draftFromTask('social_media_posts', 'Just text')).toEqual({
      title: 'Just text',
      body: 'Just text',
      kind: 'POST',
    });
    expect(draftFromTask('research', { headline: 'H', content: 'C', kind: 'article' })).toEqual({
      title: 'H',
      body: 'C',
      kind: 'ARTICLE',
    });
    expect(draftFromTask('summary', { numbers: [1, 2] })).toEqual({
      title: '{',
      body: '{\n  "numbers": [\n    1,\n    2\n  ]\n}',
      kind: 'OTHER',
    });
    expect(draftFromTask('youtube_script', null)).toEqual({
      title: 'Youtube script draft',
      body: '',
      kind: 'SCRIPT',
    });
    const long = draftFromTask('blog', { title: 't'.repeat(500), body: 'b'.repeat(200_000) });
    expect([long.title.length, long.body.length]).toEqual([200, 100_000]);
  });

  it('announces schedule changes on events:channels after each commit', async () => {
    const c = await h.channels.services.channels.create(owner.principal, {
      name: 'On Air',
      platform: 'LINKEDIN',
      settings: { postingSchedule: '0 9 * * 1-5', tone: 'warm' },
    });
    const svc = h.channels.services.channels;
    await expect.poll(() => scheduleEvents(c.id)).toHaveLength(1);
    expect((await scheduleEvents(c.id))[0]).toEqual({
      type: 'channel.schedule.updated',
      payload: {
        channelId: c.id,
        ownerId: owner.id,
        name: 'On Air',
        platform: 'LINKEDIN',
        schedule: '0 9 * * 1-5',
        settings: {
          tone: 'warm',
          audience: null,
          language: 'en',
          hashtags: [],
          postingSchedule: '0 9 * * 1-5',
        },
      },
    });

    await svc.update(owner.principal, c.id, { description: 'not part of the task' });
    await svc.update(owner.principal, c.id, { status: 'PAUSED' });
    await svc.archive(owner.principal, c.id);
    await svc.restore(owner.principal, c.id);
    await svc.update(owner.principal, c.id, { status: 'ACTIVE', name: 'On Air Daily' });
    await h.channels.services.members.add(owner.principal, c.id, editor.id, 'OWNER');
    await h.channels.services.members.remove(owner.principal, c.id, owner.id);
    await svc.update(editor.principal, c.id, { settings: { postingSchedule: null } });
    // Failed changes roll their event back with them.
    await failure(svc.update(editor.principal, c.id, { settings: { postingSchedule: '@daily' }, name: '' }));

    const expected = [
      [owner.id, 'On Air', '0 9 * * 1-5'],
      [owner.id, 'On Air', null],
      [owner.id, 'On Air Daily', '0 9 * * 1-5'],
      [editor.id, 'On Air Daily', '0 9 * * 1-5'],
      [editor.id, 'On Air Daily', null],
    ];
    await expect.poll(async () => (await scheduleEvents(c.id)).length).toBe(expected.length);
    // Paused, archived, then restored to paused: all mean "no schedule", so only the pause is sent.
    expect(
      (await scheduleEvents(c.id)).map((e) => [e.payload.ownerId, e.payload.name, e.payload.schedule]),
    ).toEqual(expected);
    expect(await h.outboxSize()).toBe(0);
  });

  it('sends nothing for channels without a schedule', async () => {
    const c = await h.channels.services.channels.create(owner.principal, {
      name: 'Manual',
      platform: 'BLOG',
    });
    await h.channels.services.channels.update(owner.principal, c.id, { status: 'PAUSED' });
    await h.channels.relay.kick();
    expect(await scheduleEvents(c.id)).toEqual([]);
  });
});
