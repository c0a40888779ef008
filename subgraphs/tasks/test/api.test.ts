import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks, TASK_FIELDS } from './setup.js';
import type { Caller } from './support/tokens.js';

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { ${TASK_FIELDS} runAt schedule nextRunAt channel { id } createdBy { id } } }`;
const TASK = `query ($id: ID!) { task(id: $id) { id status agent type } }`;
const TASKS = `query ($first: Int, $after: String, $status: TaskStatus, $agent: String, $type: String, $channelId: ID) {
  tasks(first: $first, after: $after, status: $status, agent: $agent, type: $type, channelId: $channelId) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id type agent } }
  }
}`;

type Created = {
  createTask: { id: string; status: string; input: Record<string, unknown> } & Record<string, unknown>;
};

describe('tasks API (no worker running)', () => {
  let h: Harness;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  let agentKey: Caller;
  let guest: Caller;
  const create = (input: Record<string, unknown>, who: Caller = alice) =>
    h.gql<Created>(CREATE, { i: input }, who.token);
  const codeOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    h = await startTasks();
    [alice, bob, admin, agentKey, guest] = await Promise.all(
      (['USER', 'USER', 'ADMIN', 'AGENT', 'GUEST'] as const).map((r) => h.tokens.caller(r)),
    );
  });
  afterAll(() => h?.stop());

  it('creates a task with its capability defaults applied, queued and enqueued in BullMQ', async () => {
    const r = await create({
      agent: 'research',
      type: 'content_research',
      input: { texts: ['Solar panels and batteries.'] },
    });
    expect(r.errors).toBeUndefined();
    const task = r.data!.createTask;
    expect(task).toMatchObject({
      status: 'QUEUED',
      agent: 'research',
      priority: 0,
      attempts: 0,
      maxAttempts: 3,
    });
    expect(task.input).toEqual({ texts: ['Solar panels and batteries.'], keywords: 15, phrases: 10 });
    expect(task.createdBy).toEqual({ id: alice.id });
    const job = await h.api.queues.queue('research').getJob(task.id);
    expect(job?.data).toEqual({ taskId: task.id });
    expect(job?.opts.priority).toBe(101);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ agent: 'nobody', type: 'noop' }, 'agent'],
      [{ agent: 'system', type: 'web_research' }, 'type'],
      [{ agent: 'research', type: 'web_research', input: { urls: ['ftp://x.test/file'] } }, 'input.urls.0'],
      [{ agent: 'research', type: 'web_research', input: { urls: [] } }, 'input.urls'],
      [{ agent: 'research', type: 'data_analysis', input: { fileId: 'not-a-uuid' } }, 'input.fileId'],
      [
        { agent: 'content', type: 'social_media_posts', input: { topic: 'x', platform: 'myspace' } },
        'input.platform',
      ],
      [{ agent: 'system', type: 'noop', input: { sleepMs: 1, extra: true } }, 'input'],
      [{ agent: 'system', type: 'noop', schedule: 'every tuesday' }, 'schedule'],
      [{ agent: 'system', type: 'noop', runAt: new Date(Date.now() - 3_600_000).toISOString() }, 'runAt'],
      [{ agent: 'system', type: 'noop', priority: 101 }, 'priority'],
      [{ agent: 'system', type: 'noop', maxAttempts: 0 }, 'maxAttempts'],
      [{ agent: 'system', type: 'noop', children: [{ agent: 'research', type: 'nope' }] }, 'children.0.type'],
    ];
    for (const [input, field] of cases) {
      const r = await create(input);
      expect(codeOf(r), JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.errors?.[0].message).not.toMatch(/\bat \w+ \(/);
    }
  });

  it('keeps tasks to their creator and admins; guests and anonymous callers get nothing', async () => {
    const id = (await create({ agent: 'system', type: 'noop' })).data!.createTask.id;
    expect((await h.gql<{ task: { id: string } }>(TASK, { id }, alice.token)).data?.task.id).toBe(id);
    expect((await h.gql<{ task: { id: string } }>(TASK, { id }, admin.token)).data?.task.id).toBe(id);
    expect((await h.gql(TASK, { id }, bob.token)).data?.task).toBeNull();
    expect(codeOf(await h.gql(TASK, { id }, guest.token))?.code).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(TASK, { id }))?.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(TASK, { id: 'not-an-id' }, alice.token)).data?.task).toBeNull();
    const cancel = await h.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id }, bob.token);
    expect(codeOf(cancel)?.code).toBe('NOT_FOUND');
    expect(codeOf(await create({ agent: 'system', type: 'noop' }, guest))?.code).toBe('FORBIDDEN');
    const byKey = await create({ agent: 'system', type: 'noop', input: { echo: 'from a key' } }, agentKey);
    expect(byKey.data?.createTask.status).toBe('QUEUED');
  });

  it('pages with cursors and filters by status, agent, type and channel', async () => {
    const carol = await h.tokens.caller('USER');
    for (let i = 0; i < 5; i++) await create({ agent: 'system', type: 'noop', input: { echo: i } }, carol);
    await create({ agent: 'research', type: 'content_research', input: { texts: ['a b c'] } }, carol);
    const page1 = await h.gql<{
      tasks: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    }>(TASKS, { first: 4 }, carol.token);
    expect(page1.data?.tasks.totalCount).toBe(6);
    expect(page1.data?.tasks.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.gql<typeof page1.data>(
      TASKS,
      { first: 4, after: page1.data!.tasks.pageInfo.endCursor },
      carol.token,
    );
    const ids = [...page1.data!.tasks.edges, ...page2.data!.tasks.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(6);
    expect(page2.data?.tasks.pageInfo.hasNextPage).toBe(false);
    const filtered = await h.gql<typeof page1.data>(
      TASKS,
      { agent: 'research', type: 'content_research', status: 'QUEUED' },
      carol.token,
    );
    expect(filtered.data?.tasks.totalCount).toBe(1);
    expect(codeOf(await h.gql(TASKS, { first: 0 }, carol.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(codeOf(await h.gql(TASKS, { channelId: 'nope' }, carol.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'channelId',
    });
    const all = await h.gql<typeof page1.data>(TASKS, { first: 100 }, admin.token);
    expect(all.data!.tasks.totalCount).toBeGreaterThan(6);
  });

  it('refuses a cursor whose id is not a uuid with BAD_USER_INPUT, before it reaches PostgreSQL', async () => {
    const after = Buffer.from(`${new Date().toISOString()}|nope`).toString('base64url');

    const r = await h.gql(TASKS, { first: 4, after }, alice.token);

    expect(codeOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('returns the first task again for a repeated idempotency key; another user’s same key is theirs', async () => {
    const first = await create({ agent: 'system', type: 'noop', idempotencyKey: 'nightly-1' });
    const again = await create({ agent: 'system', type: 'noop', idempotencyKey: 'nightly-1' });
    expect(again.data?.createTask.id).toBe(first.data?.createTask.id);
    // Keys are per creator: bob can neither squat alice's key nor learn that she used it.
    const bobs = await create({ agent: 'system', type: 'noop', idempotencyKey: 'nightly-1' }, bob);
    expect(bobs.errors).toBeUndefined();
    expect(bobs.data?.createTask.id).not.toBe(first.data?.createTask.id);
    expect(bobs.data?.createTask.createdBy).toEqual({ id: bob.id });
    const bobsAgain = await create({ agent: 'system', type: 'noop', idempotencyKey: 'nightly-1' }, bob);
    expect(bobsAgain.data?.createTask.id).toBe(bobs.data?.createTask.id);
  });

  it('schedules a delayed task and a cron task, and cancels them from the queue', async () => {
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    const delayed = (await create({ agent: 'system', type: 'noop', runAt })).data!.createTask;
    expect(delayed.status).toBe('PENDING');
    expect(await h.api.queues.queue('system').getJobState(delayed.id)).toBe('delayed');
    const cron = (await create({ agent: 'system', type: 'noop', schedule: '0 9 * * 1-5' })).data!.createTask;
    expect(cron).toMatchObject({ status: 'PENDING', schedule: '0 9 * * 1-5' });
    expect(new Date(cron.nextRunAt as string).getUTCHours()).toBe(9);
    expect(await h.api.queues.queue('system').getJobScheduler(cron.id)).toMatchObject({
      pattern: '0 9 * * 1-5',
    });

    const CANCEL = 'mutation ($id: ID!) { cancelTask(id: $id) { id status completedAt } }';
    for (const t of [delayed, cron]) {
      const r = await h.gql<{ cancelTask: { status: string } }>(CANCEL, { id: t.id }, alice.token);
      expect(r.data?.cancelTask.status).toBe('CANCELLED');
    }
    expect(await h.api.queues.queue('system').getJob(delayed.id)).toBeUndefined();
    expect(await h.api.queues.queue('system').getJobScheduler(cron.id)).toBeUndefined();
    const retry = await h.gql(
      'mutation ($id: ID!) { retryTask(id: $id) { id } }',
      { id: cron.id },
      alice.token,
    );
    expect(codeOf(retry)?.code).toBe('CONFLICT');
  });

  it('checks channel rights with the channels service', async () => {
    const channelId = randomUUID();
    h.channels.setMember(channelId, alice.id, 'EDITOR');
    h.channels.setMember(channelId, bob.id, 'VIEWER');
    const input = { agent: 'content', type: 'social_media_posts', input: { topic: 'launch day' }, channelId };
    const ok = await create(input);
    expect(ok.data?.createTask.channel).toEqual({ id: channelId });
    expect(codeOf(await create(input, bob))?.code).toBe('FORBIDDEN');
    expect(codeOf(await create({ ...input, channelId: randomUUID() }))?.code).toBe('NOT_FOUND');
    expect((await create({ ...input, channelId: randomUUID() }, admin)).errors).toBeUndefined();
    const listed = await h.gql<{ tasks: { totalCount: number } }>(TASKS, { channelId }, alice.token);
    expect(listed.data?.tasks.totalCount).toBe(1);
  });

  it('resolves federated references: Task, User.tasks and Channel.tasks', async () => {
    const channelId = randomUUID();
    h.channels.setMember(channelId, alice.id, 'OWNER');
    const t = (await create({ agent: 'system', type: 'noop', channelId })).data!.createTask;
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Task { id status } ... on User { id tasks(first: 50) { totalCount } } ... on Channel { id tasks { totalCount edges { node { id } } } } } }`;
    const reps = [
      { __typename: 'Task', id: t.id },
      { __typename: 'User', id: alice.id },
      { __typename: 'Channel', id: channelId },
    ];
    const mine = await h.gql<{ _entities: Record<string, unknown>[] }>(ENTITIES, { r: reps }, alice.token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?._entities[0]).toEqual({ id: t.id, status: 'QUEUED' });
    expect((mine.data!._entities[1].tasks as { totalCount: number }).totalCount).toBeGreaterThan(5);
    expect(mine.data?._entities[2]).toEqual({
      id: channelId,
      tasks: { totalCount: 1, edges: [{ node: { id: t.id } }] },
    });
    const bobs = await h.gql<{ _entities: (Record<string, unknown> | null)[] }>(
      ENTITIES,
      { r: reps.slice(0, 1) },
      bob.token,
    );
    expect(bobs.data?._entities[0]).toBeNull();
    const peek = await h.gql(ENTITIES, { r: [{ __typename: 'User', id: alice.id }] }, bob.token);
    expect(codeOf(peek)?.code).toBe('FORBIDDEN');
  });

  it('lists agents with stats, and lets only admins create and update them', async () => {
    const AGENTS =
      '{ agents { name runtime capabilities status stats { total queued } } queueStats { agent waiting paused } }';
    const r = await h.gql<{
      agents: { name: string; capabilities: string[]; stats: { total: number } }[];
      queueStats: { agent: string }[];
    }>(AGENTS, {}, alice.token);
    expect(r.data?.agents.map((a) => a.name)).toEqual(['content', 'research', 'system']);
    expect(r.data?.agents.find((a) => a.name === 'system')?.capabilities).toContain('health_check');
    expect(r.data?.agents.find((a) => a.name === 'system')?.stats.total).toBeGreaterThan(0);
    expect(r.data?.queueStats.map((q) => q.agent)).toEqual(['content', 'research', 'system']);

    const CREATE_AGENT =
      'mutation ($i: CreateAgentInput!) { createAgent(input: $i) { id name runtime capabilities configuration status } }';
    const writer = {
      name: 'tech-writer',
      runtime: 'content',
      capabilities: ['content_generation'],
      configuration: { tone: 'precise' },
    };
    expect(codeOf(await h.gql(CREATE_AGENT, { i: writer }, alice.token))?.code).toBe('FORBIDDEN');
    const made = await h.gql<{ createAgent: { id: string; capabilities: string[] } }>(
      CREATE_AGENT,
      { i: writer },
      admin.token,
    );
    expect(made.data?.createAgent).toMatchObject({
      name: 'tech-writer',
      capabilities: ['content_generation'],
      status: 'ACTIVE',
    });
    expect(codeOf(await h.gql(CREATE_AGENT, { i: writer }, admin.token))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    const badConfig = { ...writer, name: 'w2', configuration: { temperature: 9 } };
    expect(codeOf(await h.gql(CREATE_AGENT, { i: badConfig }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'configuration.temperature',
    });
    const badCaps = { ...writer, name: 'w3', capabilities: ['web_research'] };
    expect(codeOf(await h.gql(CREATE_AGENT, { i: badCaps }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'capabilities',
    });

    const UPDATE =
      'mutation ($id: ID!, $i: UpdateAgentInput!) { updateAgent(id: $id, input: $i) { status } }';
    const paused = await h.gql<{ updateAgent: { status: string } }>(
      UPDATE,
      { id: 'tech-writer', i: { status: 'PAUSED' } },
      admin.token,
    );
    expect(paused.data?.updateAgent.status).toBe('PAUSED');
    expect(await h.api.queues.queue('tech-writer').isPaused()).toBe(true);
    const exec = await h.gql(
      'mutation { executeAgentTask(input: { agent: "tech-writer", type: "content_generation", input: { topic: "x" } }) { id } }',
      {},
      alice.token,
    );
    expect(codeOf(exec)).toMatchObject({ code: 'CONFLICT', field: 'agent' });
    expect(
      (await create({ agent: 'tech-writer', type: 'content_generation', input: { topic: 'held' } })).data
        ?.createTask.status,
    ).toBe('QUEUED');
  });

  it('answers the internal agents health only to other services', async () => {
    const { default: request } = await import('supertest');
    expect((await request(h.api.app).get('/internal/agents/health')).status).toBe(403);
    const res = await request(h.api.app)
      .get('/internal/agents/health')
      .set('x-internal-auth', h.config.INTERNAL_SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'down', workers: 0 });
    expect(res.body.queues.system).toEqual({
      waiting: expect.any(Number),
      active: 0,
      delayed: expect.any(Number),
      failed: 0,
      oldestWaitingSeconds: expect.any(Number),
    });
  });
});
