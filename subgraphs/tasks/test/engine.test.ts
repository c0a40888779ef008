import { randomUUID } from 'node:crypto';
import { appendEvent } from '@trae/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TasksWorker } from '../src/server.js';
import { type Harness, startTasks, TASK_FIELDS } from './setup.js';
import type { Caller } from './support/tokens.js';
import { fixtureWeb } from './support/web.js';

type TaskView = {
  id: string;
  status: string;
  attempts: number;
  result: Record<string, unknown> | null;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
  logs: { level: string; message: string }[];
  children: {
    totalCount: number;
    edges: { node: { id: string; status: string; type: string; completedAt: string } }[];
  };
};

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { id status } }`;
const TASK = `query ($id: ID!) { task(id: $id) { ${TASK_FIELDS} logs { level message }
  children(first: 50) { totalCount edges { node { id status type completedAt } } } } }`;

describe('task engine with a worker', () => {
  let h: Harness;
  let worker: TasksWorker;
  let web: Awaited<ReturnType<typeof fixtureWeb>>;
  let alice: Caller;
  let admin: Caller;

  const create = async (input: Record<string, unknown>, who = alice) => {
    const r = await h.gql<{ createTask: { id: string; status: string } }>(CREATE, { i: input }, who.token);
    expect(r.errors).toBeUndefined();
    return r.data!.createTask;
  };
  const get = async (id: string, who = alice) =>
    (await h.gql<{ task: TaskView }>(TASK, { id }, who.token)).data!.task;
  const settled = async (id: string, status = 'SUCCEEDED', timeout = 10_000) => {
    await expect.poll(async () => (await get(id)).status, { timeout, interval: 100 }).toBe(status);
    return get(id);
  };
  const streamEvents = async () =>
    ((await h.redis.xrange(`${h.prefix}events:tasks`, '-', '+')) as [string, string[]][]).map(([, f]) => ({
      type: f[1],
      payload: JSON.parse(f[3]),
    }));

  beforeAll(async () => {
    web = await fixtureWeb();
    // The every-second schedule below is quicker than a USER may schedule by default.
    h = await startTasks({ SCHEDULE_MIN_INTERVAL_SECONDS: '1' });
    worker = await h.worker();
    [alice, admin] = await Promise.all([h.tokens.caller('USER'), h.tokens.caller('ADMIN')]);
  });
  afterAll(async () => {
    await h?.stop();
    await web?.close();
  });

  it('runs a task to SUCCEEDED and appends task.completed to events:tasks', async () => {
    const t = await create({ agent: 'system', type: 'noop', input: { echo: { hello: 'world' } } });
    const done = await settled(t.id);
    expect(done).toMatchObject({
      attempts: 1,
      progress: 100,
      result: { ok: true, echo: { hello: 'world' } },
      error: null,
    });
    expect(new Date(done.completedAt!).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt!).getTime());
    const event = (await streamEvents()).find((e) => e.payload.taskId === t.id);
    expect(event).toEqual({
      type: 'task.completed',
      payload: {
        taskId: t.id,
        agent: 'system',
        type: 'noop',
        status: 'SUCCEEDED',
        channelId: null,
        createdBy: alice.id,
        result: { ok: true, echo: { hello: 'world' } },
        error: null,
        completedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    });
  });

  it('writes RUNNING only for an attempt still running after TASK_MARK_RUNNING_MS, and announces it at once', async () => {
    const statuses = async (id: string) => {
      const [row] = await h.api.sql.query<{ status: string; attempts: number; started_at: Date | null }>(
        'select status, attempts, started_at from task_queue where id = $1',
        [id],
      );
      return row;
    };
    const seen: string[] = [];
    const sub = h.redis.duplicate();
    sub.on('pmessage', (_p, _c, message) => seen.push(JSON.parse(message).status));
    await sub.psubscribe(`${h.prefix}task.updated:*`);
    try {
      // A quick attempt: one write from QUEUED to its outcome, with its start and number.
      const quick = await create({ agent: 'system', type: 'noop' });
      const q = await settled(quick.id);
      expect(q).toMatchObject({ attempts: 1, progress: 100 });
      expect(new Date(q.startedAt!).getTime()).toBeLessThanOrEqual(new Date(q.completedAt!).getTime());
      await expect.poll(() => seen, { timeout: 2_000 }).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);

      // A long one says RUNNING in the database while it runs.
      const slow = await create({ agent: 'system', type: 'noop', input: { sleepMs: 1_500 } });
      await expect
        .poll(() => statuses(slow.id), { timeout: 5_000, interval: 50 })
        .toMatchObject({
          status: 'RUNNING',
          attempts: 1,
        });
      expect((await statuses(slow.id)).started_at).toBeInstanceOf(Date);
      expect(await settled(slow.id)).toMatchObject({ attempts: 1 });
    } finally {
      sub.disconnect();
    }
  });

  it('fails the task of a job BullMQ gave up on without running it (stalled beyond the limit)', async () => {
    const runAt = new Date(Date.now() + 1_500);
    const { id } = await create({ agent: 'system', type: 'noop', runAt: runAt.toISOString() });
    // What BullMQ writes on a job whose workers died too often: the next worker fails it unrun.
    const queue = h.api.queues.queue('system');
    await h.api.queues.connection.hset(queue.toKey(id), 'defa', 'job stalled more than allowable limit');
    const failed = await settled(id, 'FAILED', 8_000);
    expect(failed.error).toBe('lost in flight: job stalled more than allowable limit');
    expect((await streamEvents()).find((e) => e.payload.taskId === id)?.type).toBe('task.failed');
  });

  it('executeAgentTask answers with the result, or with the running task when the timeout passes', async () => {
    const EXEC = `mutation ($i: ExecuteAgentTaskInput!) { executeAgentTask(input: $i) { id status priority result } }`;
    const quick = await h.gql<{
      executeAgentTask: { status: string; priority: number; result: { keywords: { term: string }[] } };
    }>(
      EXEC,
      {
        i: {
          agent: 'research',
          type: 'content_research',
          input: { texts: ['Batteries store solar energy. Solar batteries matter.'] },
        },
      },
      alice.token,
    );
    expect(quick.data?.executeAgentTask).toMatchObject({ status: 'SUCCEEDED', priority: 100 });
    expect(quick.data?.executeAgentTask.result.keywords[0].term).toMatch(/solar|batteries/);
    const slow = await h.gql<{ executeAgentTask: { id: string; status: string } }>(
      EXEC,
      { i: { agent: 'system', type: 'noop', input: { sleepMs: 1500 }, timeoutMs: 300 } },
      alice.token,
    );
    // Answered unfinished when the timeout passes: RUNNING, or still QUEUED when a loaded machine's worker
    // has not taken it within the 300 ms.
    expect(['QUEUED', 'RUNNING']).toContain(slow.data?.executeAgentTask.status);
    await settled(slow.data!.executeAgentTask.id);
    const bad = await h.gql(EXEC, { i: { agent: 'system', type: 'noop', timeoutMs: 10 } }, alice.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeoutMs' });
  });

  it('retries with exponential backoff, and stops retrying what cannot succeed', async () => {
    const flaky = await create({
      agent: 'research',
      type: 'web_research',
      input: { urls: [`${web.url}/flaky?a`] },
    });
    const ok = await settled(flaky.id);
    expect(ok.attempts).toBe(3);
    expect(
      ok.logs.filter((l) => l.level === 'WARN' && /attempt \d failed, retrying/.test(l.message)),
    ).toHaveLength(2);
    expect(web.hits.get('/flaky?a')).toBe(3);
    // Backoff 100 ms, doubling: the second wait is at least 200 ms.
    const [t1, t2, t3] = web.times.get('/flaky?a')!;
    expect(t2 - t1).toBeGreaterThanOrEqual(100);
    expect(t3 - t2).toBeGreaterThanOrEqual(200);

    const exhausted = await create({
      agent: 'research',
      type: 'web_research',
      input: { urls: [`${web.url}/flaky?b`] },
      maxAttempts: 2,
    });
    const failed = await settled(exhausted.id, 'FAILED');
    expect(failed).toMatchObject({ attempts: 2 });
    expect(failed.error).toContain('HTTP 503');
    expect((await streamEvents()).find((e) => e.payload.taskId === exhausted.id)?.type).toBe('task.failed');

    const missing = await create({
      agent: 'research',
      type: 'web_research',
      input: { urls: [`${web.url}/missing`] },
    });
    expect(await settled(missing.id, 'FAILED')).toMatchObject({ attempts: 1 });
  });

  it('retryTask runs a failed task again with fresh attempts', async () => {
    const t = await create({
      agent: 'research',
      type: 'web_research',
      input: { urls: [`${web.url}/flaky?c`] },
      maxAttempts: 1,
    });
    await settled(t.id, 'FAILED');
    const RETRY = 'mutation ($id: ID!) { retryTask(id: $id) { status attempts error } }';
    expect((await h.gql<{ retryTask: unknown }>(RETRY, { id: t.id }, alice.token)).data?.retryTask).toEqual({
      status: 'QUEUED',
      attempts: 0,
      error: null,
    });
    await settled(t.id, 'FAILED');
    await h.gql(RETRY, { id: t.id }, alice.token);
    expect((await settled(t.id)).result?.pages).toHaveLength(1);
  });

  it('cancels a running task through its abort signal', async () => {
    const t = await create({ agent: 'system', type: 'noop', input: { sleepMs: 30_000 } });
    await expect.poll(async () => (await get(t.id)).status, { timeout: 10_000 }).toBe('RUNNING');
    const r = await h.gql<{ cancelTask: { status: string } }>(
      'mutation ($id: ID!) { cancelTask(id: $id) { status } }',
      { id: t.id },
      alice.token,
    );
    expect(r.data?.cancelTask.status).toBe('CANCELLED');
    await expect
      .poll(() => worker.pool.agents().length > 0 && h.api.queues.queue('system').getJobState(t.id), {
        timeout: 10_000,
      })
      .toBe('failed');
    const after = await get(t.id);
    expect(after.status).toBe('CANCELLED');
    expect(new Date(after.completedAt!).getTime() - new Date(after.startedAt!).getTime()).toBeLessThan(5_000);
  });

  it('starts delayed tasks at runAt, and runs a cron schedule until it is cancelled', async () => {
    const runAt = new Date(Date.now() + 1_500);
    const delayed = await create({ agent: 'system', type: 'noop', runAt: runAt.toISOString() });
    expect(delayed.status).toBe('PENDING');
    const ran = await settled(delayed.id);
    expect(new Date(ran.startedAt!).getTime()).toBeGreaterThanOrEqual(runAt.getTime() - 50);

    const schedule = await create({
      agent: 'system',
      type: 'noop',
      schedule: '* * * * * *',
      input: { echo: 'tick' },
    });
    await expect
      .poll(
        async () =>
          (await get(schedule.id)).children.edges.filter((e) => e.node.status === 'SUCCEEDED').length,
        {
          timeout: 6_000,
        },
      )
      .toBeGreaterThanOrEqual(2);
    await h.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id: schedule.id }, alice.token);
    const runs = (await get(schedule.id)).children.totalCount;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await get(schedule.id)).children.totalCount).toBeLessThanOrEqual(runs + 1);
  });

  it('runs a pipeline: research children first, then content with their results', async () => {
    const t = await create({
      agent: 'content',
      type: 'social_media_posts',
      input: { topic: 'home energy', platform: 'twitter', count: 2 },
      children: [
        { agent: 'research', type: 'web_research', input: { urls: [`${web.url}/article`] } },
        {
          agent: 'research',
          type: 'content_research',
          input: { texts: ['Lithium batteries power home storage.'] },
        },
      ],
    });
    expect(t.status).toBe('PENDING');
    const done = await settled(t.id);
    const children = done.children.edges.map((e) => e.node);
    expect(children.map((c) => c.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const lastChild = Math.max(...children.map((c) => new Date(c.completedAt).getTime()));
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThanOrEqual(lastChild);
    const posts = done.result!.posts as { text: string; characters: number }[];
    expect(posts).toHaveLength(2);
    expect(posts.every((p) => p.characters <= 280)).toBe(true);
    expect(posts.map((p) => p.text).join(' ')).toMatch(/solar|batter/i);

    const doomed = await create({
      agent: 'content',
      type: 'content_generation',
      input: { topic: 'never written' },
      children: [{ agent: 'research', type: 'web_research', input: { urls: [`${web.url}/missing`] } }],
    });
    const failed = await settled(doomed.id, 'FAILED');
    expect(failed.error).toMatch(/child task .* failed/);
  });

  it('runs higher priorities first', async () => {
    const CREATE_AGENT = 'mutation ($i: CreateAgentInput!) { createAgent(input: $i) { name } }';
    await h.gql(
      CREATE_AGENT,
      { i: { name: 'serial', runtime: 'system', configuration: { concurrency: 1 }, status: 'PAUSED' } },
      admin.token,
    );
    await expect.poll(() => worker.pool.agents().includes('serial'), { timeout: 10_000 }).toBe(true);
    const low = await Promise.all(
      [1, 2, 3].map(() => create({ agent: 'serial', type: 'noop', priority: 1 })),
    );
    const high = await create({ agent: 'serial', type: 'noop', priority: 90 });
    await h.gql(
      'mutation { updateAgent(id: "serial", input: { status: ACTIVE }) { status } }',
      {},
      admin.token,
    );
    const all = await Promise.all([high, ...low].map((t) => settled(t.id)));
    const started = all.map((t) => new Date(t.startedAt!).getTime());
    expect(started[0]).toBeLessThanOrEqual(Math.min(...started.slice(1)));
  });

  it('reconciles a task written but never enqueued (a crash between the two)', async () => {
    const id = randomUUID();
    await h.api.sql.query(
      `insert into task_queue (id, task_type, agent, status, task_data, created_by, created_by_role) values ($1, 'noop', 'system', 'QUEUED', '{}', $2, 'USER')`,
      [id, alice.id],
    );
    expect(await h.api.queues.queue('system').getJob(id)).toBeUndefined();
    await settled(id, 'SUCCEEDED', 8_000);
  });

  it('marks a waiting task whose job is in BullMQ without enqueuing it again, and runs it once', async () => {
    // A single job is not marked when enqueued; past the grace period the reconciler finds its job.
    const runAt = new Date(Date.now() + 3_500);
    const { id } = await create({ agent: 'system', type: 'noop', runAt: runAt.toISOString() });
    const mark = async () =>
      (
        await h.api.sql.query<{ enqueued_at: Date | null }>(
          'select enqueued_at from task_queue where id = $1',
          [id],
        )
      )[0].enqueued_at;
    expect(await mark()).toBeNull();
    await expect.poll(mark, { timeout: 3_000, interval: 100 }).not.toBeNull();
    expect(await h.api.queues.queue('system').getJobState(id)).toBe('delayed');
    const done = await settled(id, 'SUCCEEDED', 8_000);
    expect(done.attempts).toBe(1);
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThanOrEqual(runAt.getTime() - 50);
  });

  it('keeps one scheduled content task per channel from channel schedule events', async () => {
    const channelId = randomUUID();
    const ownerId = alice.id;
    const publish = (schedule: string | null, settings = {}) =>
      appendEvent(h.redis, `${h.prefix}events:channels`, 'channel.schedule.updated', {
        channelId,
        ownerId,
        name: 'Daily Energy',
        platform: 'LINKEDIN',
        schedule,
        settings,
      });
    const TASKS = `query ($c: ID!) { tasks(channelId: $c) { edges { node { id status schedule input agent type } } } }`;
    const list = async () =>
      (
        await h.gql<{ tasks: { edges: { node: Record<string, unknown> }[] } }>(
          TASKS,
          { c: channelId },
          alice.token,
        )
      ).data!.tasks.edges.map((e) => e.node);
    await publish('0 8 * * *', {
      tone: 'upbeat',
      audience: null,
      language: 'en',
      hashtags: ['solar', '#savings'],
      postingSchedule: '0 8 * * *',
    });
    await expect.poll(async () => (await list()).length, { timeout: 10_000 }).toBe(1);
    expect((await list())[0]).toMatchObject({
      status: 'PENDING',
      schedule: '0 8 * * *',
      agent: 'content',
      type: 'social_media_posts',
      input: {
        topic: 'Daily Energy',
        platform: 'linkedin',
        channelName: 'Daily Energy',
        tone: 'upbeat',
        keywords: ['solar', 'savings'],
        count: 1,
      },
    });
    await publish('30 9 * * *');
    await expect.poll(async () => (await list())[0]?.schedule, { timeout: 10_000 }).toBe('30 9 * * *');
    expect(await list()).toHaveLength(1);
    await publish(null);
    await expect.poll(async () => (await list())[0]?.status, { timeout: 10_000 }).toBe('CANCELLED');
    const id = (await list())[0].id as string;
    expect(await h.api.queues.queue('content').getJobScheduler(id)).toBeUndefined();
  });

  it('reports live workers and queue depths on the internal health route', async () => {
    const { default: request } = await import('supertest');
    const res = await request(h.api.app)
      .get('/internal/agents/health')
      .set('x-internal-auth', h.config.INTERNAL_SECRET);
    expect(res.body).toMatchObject({ status: 'up', workers: 1 });
    expect(Object.keys(res.body.queues)).toEqual(expect.arrayContaining(['system', 'research', 'content']));
    const beat = JSON.parse((await h.redis.get(`${h.prefix}worker:${worker.id}`))!) as {
      url: string;
      agents: string[];
    };
    expect(beat.agents).toEqual(expect.arrayContaining(['system', 'research', 'content']));
    expect((await fetch(`${beat.url}/ready`)).status).toBe(200);
    expect(await (await fetch(`${beat.url}/metrics`)).text()).toMatch(
      /tasks_settled_total\{[^}]*status="SUCCEEDED"/,
    );
  });
});
