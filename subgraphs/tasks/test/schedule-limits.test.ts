import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';
import type { Caller } from './support/tokens.js';

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { id status createdBy { id } } }`;
const CREATE_MANY = `mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }`;
const TASKS = `query ($by: ID) { tasks(createdBy: $by, first: 100) { totalCount edges { node { id createdBy { id } } } } }`;

type Result = { data?: Record<string, unknown> | null; errors?: { extensions: Record<string, unknown> }[] };
const codeOf = (r: Result) => r.errors?.[0]?.extensions;

describe('tasks: schedule limits, per-creator idempotency keys, honest createdBy', () => {
  let h: Harness;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  const create = (input: Record<string, unknown>, who: Caller) => h.gql(CREATE, { i: input }, who.token);
  const noop = (schedule: string) => ({ agent: 'system', type: 'noop', schedule });

  beforeAll(async () => {
    h = await startTasks({ SCHEDULE_MIN_INTERVAL_SECONDS: '60', SCHEDULE_MAX_ACTIVE_PER_USER: '2' });
    [alice, bob, admin] = await Promise.all([
      h.tokens.caller('USER'),
      h.tokens.caller('USER'),
      h.tokens.caller('ADMIN'),
    ]);
  });
  afterAll(() => h?.stop());

  it('refuses a USER schedule firing more often than SCHEDULE_MIN_INTERVAL_SECONDS; an ADMIN may', async () => {
    // The last one fires twice ten seconds apart once a day: the shortest gap counts, not the average.
    for (const cron of ['* * * * * *', '*/30 * * * * *', '0,30 * * * * *', '0,10 0 9 * * *']) {
      expect(codeOf(await create(noop(cron), bob)), cron).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'schedule',
      });
    }
    expect((await create(noop('* * * * * *'), bob)).errors?.[0].message).toBe(
      'schedule may fire at most once every 60 seconds',
    );
    const everySecond = await create(noop('* * * * * *'), admin);
    expect(everySecond.errors).toBeUndefined();
    expect((await create(noop('0-1 9 * * *'), bob)).errors).toBeUndefined();
    const everyMinute = await create(noop('* * * * *'), bob);
    expect(everyMinute.errors).toBeUndefined();
    for (const r of [everySecond, everyMinute]) {
      const id = (r.data as { createTask: { id: string } }).createTask.id;
      await h.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id }, admin.token);
    }
  });

  it('lets a USER hold at most SCHEDULE_MAX_ACTIVE_PER_USER active schedules, counting batches; an ADMIN more', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await create(noop(`${i} 8 * * *`), alice);
      expect(r.errors).toBeUndefined();
      ids.push((r.data as { createTask: { id: string } }).createTask.id);
    }
    const third = await create(noop('5 8 * * *'), alice);
    expect(codeOf(third)).toMatchObject({ code: 'CONFLICT', field: 'schedule' });
    expect(third.errors?.[0].message).toBe(
      'You may hold at most 2 active schedules; cancel one before creating another',
    );
    // One-off tasks are not schedules.
    expect((await create({ agent: 'system', type: 'noop' }, alice)).errors).toBeUndefined();

    await h.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id: ids[0] }, alice.token);
    const batch = await h.gql(CREATE_MANY, { i: [noop('6 8 * * *'), noop('7 8 * * *')] }, alice.token);
    expect(codeOf(batch)).toMatchObject({ code: 'CONFLICT', field: 'schedule' });
    expect((await create(noop('6 8 * * *'), alice)).errors).toBeUndefined();

    for (let i = 0; i < 3; i++) expect((await create(noop(`${i} 9 * * *`), admin)).errors).toBeUndefined();
  });

  it('scopes idempotency keys per creator and keeps the platform’s own keys reserved', async () => {
    const key = { agent: 'system', type: 'noop', idempotencyKey: 'deploy-42' };
    const alices = (await create(key, alice)).data as { createTask: { id: string } };
    const bobs = (await create(key, bob)).data as { createTask: { id: string; createdBy: { id: string } } };
    expect(bobs.createTask.id).not.toBe(alices.createTask.id);
    expect(bobs.createTask.createdBy).toEqual({ id: bob.id });
    expect(((await create(key, alice)).data as typeof alices).createTask.id).toBe(alices.createTask.id);
    for (const reserved of ['run:job-1', 'channel-schedule:x']) {
      expect(codeOf(await create({ ...key, idempotencyKey: reserved }, alice))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'idempotencyKey',
      });
    }
  });

  it('answers tasks(createdBy: someone else) with FORBIDDEN for a USER, and with theirs for an ADMIN', async () => {
    await create({ agent: 'system', type: 'noop' }, bob);
    const refused = await h.gql(TASKS, { by: bob.id }, alice.token);
    expect(codeOf(refused)).toMatchObject({ code: 'FORBIDDEN' });

    type Page = { tasks: { totalCount: number; edges: { node: { createdBy: { id: string } } }[] } };
    const own = (await h.gql<Page>(TASKS, { by: alice.id }, alice.token)).data!.tasks;
    expect(own.totalCount).toBeGreaterThan(0);
    expect(own.edges.every((e) => e.node.createdBy.id === alice.id)).toBe(true);

    const asAdmin = (await h.gql<Page>(TASKS, { by: bob.id }, admin.token)).data!.tasks;
    expect(asAdmin.totalCount).toBeGreaterThan(0);
    expect(asAdmin.edges.every((e) => e.node.createdBy.id === bob.id)).toBe(true);
  });
});
