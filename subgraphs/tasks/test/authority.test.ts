import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';
import type { Caller } from './support/tokens.js';

type Run = { id: string; status: string; error: string | null; completedAt: string | null };
type TaskView = Run & { children: { totalCount: number; edges: { node: Run }[] } };

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { id status } }`;
const TASK = `query ($id: ID!) { task(id: $id) { id status error completedAt
  children(first: 100) { totalCount edges { node { id status error completedAt } } } } }`;

/** Work that runs later runs with its creator's authority as it is now, not as it was at creation. */
describe('tasks: every run asks identity who its creator is now', () => {
  let h: Harness;
  let root: Caller;
  const bobsFile = randomUUID();

  const create = async (input: Record<string, unknown>, who: Caller) => {
    const r = await h.gql<{ createTask: { id: string } }>(CREATE, { i: input }, who.token);
    expect(r.errors).toBeUndefined();
    return r.data!.createTask.id;
  };
  const get = async (id: string) => (await h.gql<{ task: TaskView }>(TASK, { id }, root.token)).data!.task;
  const runs = async (id: string) =>
    (await get(id)).children.edges
      .map((e) => e.node)
      .filter((r) => r.completedAt)
      .sort((a, b) => a.completedAt!.localeCompare(b.completedAt!));
  const soon = () => new Date(Date.now() + 1_500).toISOString();

  beforeAll(async () => {
    h = await startTasks({ CREATOR_CACHE_MS: '0' });
    await h.worker();
    root = await h.tokens.caller('ADMIN');
    h.files.files.set(bobsFile, {
      owner: randomUUID(),
      name: 'bob.csv',
      contentType: 'text/csv',
      body: 'a,b\n1,2\n',
    });
  });
  afterAll(() => h?.stop());

  it('a schedule made by an ADMIN reads only what its creator may read after a demotion, and pauses while they are disabled', async () => {
    const admin = await h.tokens.caller('ADMIN');
    const schedule = await create(
      {
        agent: 'research',
        type: 'data_analysis',
        input: { fileId: bobsFile },
        schedule: '* * * * * *',
        maxAttempts: 1,
      },
      admin,
    );
    await expect
      .poll(async () => (await runs(schedule)).some((r) => r.status === 'SUCCEEDED'), { timeout: 8_000 })
      .toBe(true);

    h.identity.set(admin.id, { role: 'USER' });
    const demotedAt = new Date().toISOString();
    await expect
      .poll(
        async () =>
          (await runs(schedule)).find((r) => r.completedAt! > demotedAt && r.status === 'FAILED')?.error,
        {
          timeout: 8_000,
        },
      )
      .toMatch(/not found or is not readable by the task's creator/);

    h.identity.set(admin.id, { disabled: true });
    await expect
      .poll(async () => (await get(schedule)).error, { timeout: 8_000 })
      .toBe("paused: its creator's account is disabled; runs resume when its creator may run tasks again");
    const paused = await get(schedule);
    expect(paused.status).toBe('PENDING');
    await new Promise((r) => setTimeout(r, 2_500));
    const open = (await get(schedule)).children.edges.filter((e) => !e.node.completedAt);
    expect((await get(schedule)).children.totalCount).toBeLessThanOrEqual(paused.children.totalCount + 1);
    expect(open.length).toBeLessThanOrEqual(1);

    h.identity.set(admin.id, { disabled: false });
    await expect.poll(async () => (await get(schedule)).error, { timeout: 8_000 }).toBeNull();
    await h.gql('mutation ($id: ID!) { cancelTask(id: $id) { id } }', { id: schedule }, root.token);
  });

  it('fails a delayed task, a retry and a pipeline step whose creator was disabled meanwhile, saying why', async () => {
    const alice = await h.tokens.caller('USER');
    const plain = await create({ agent: 'system', type: 'noop', runAt: soon() }, alice);
    const pipeline = await create(
      {
        agent: 'research',
        type: 'content_research',
        input: { texts: ['later'] },
        runAt: soon(),
        children: [{ agent: 'research', type: 'content_research', input: { texts: ['step'] } }],
      },
      alice,
    );
    h.identity.set(alice.id, { disabled: true });

    await expect.poll(async () => (await get(plain)).status, { timeout: 8_000 }).toBe('FAILED');
    expect((await get(plain)).error).toBe("not run: its creator's account is disabled");
    await expect.poll(async () => (await get(pipeline)).status, { timeout: 8_000 }).toBe('FAILED');
    expect((await get(pipeline)).children.edges[0].node.error).toBe(
      "not run: its creator's account is disabled",
    );

    // A retry asked for while the creator is still disabled fails the same way.
    await h.gql('mutation ($id: ID!) { retryTask(id: $id) { id } }', { id: plain }, root.token);
    await expect.poll(async () => (await get(plain)).status, { timeout: 8_000 }).toBe('FAILED');
    expect((await get(plain)).error).toBe("not run: its creator's account is disabled");
  });

  it('fails a run whose creator was demoted to GUEST, or lost their channel role, since it was created', async () => {
    const [carol, dave] = await Promise.all([h.tokens.caller('USER'), h.tokens.caller('USER')]);
    const channelId = randomUUID();
    h.channels.setMember(channelId, dave.id, 'EDITOR');
    const demoted = await create({ agent: 'system', type: 'noop', runAt: soon() }, carol);
    const inChannel = await create({ agent: 'system', type: 'noop', runAt: soon(), channelId }, dave);
    h.identity.set(carol.id, { role: 'GUEST' });
    h.channels.setMember(channelId, dave.id, 'VIEWER');

    await expect
      .poll(async () => (await get(demoted)).error, { timeout: 8_000 })
      .toBe("not run: its creator's role (GUEST) may not run tasks");
    await expect
      .poll(async () => (await get(inChannel)).error, { timeout: 8_000 })
      .toBe('not run: its creator may no longer create tasks in its channel');
  });
});
