import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const TASK = 'query ($id: ID!) { task(id: $id) { id status attempts result createdBy { id username } } }';

type Task = { id: string; status: string; attempts: number; result: Record<string, unknown> | null };

describe('e2e tasks and agents through the gateway', () => {
  let p: Platform;
  let alice: { token: string; id: string };
  let bob: { token: string; id: string };

  beforeAll(async () => {
    p = await bootPlatform('tasks');
    const register = async (name: string) => {
      const r = await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
        i: { username: name, email: `${name}@e2e.test`, password: `${name} password 1` },
      });
      return { token: r.data!.register.accessToken, id: r.data!.register.user.id };
    };
    [alice, bob] = await Promise.all([register('alice'), register('bob')]);
  });
  afterAll(() => p?.stop());

  it('runs a created task on the worker; its owner sees it finish, another user sees nothing', async () => {
    const created = await p.gql<{ createTask: Task }>(
      'mutation { createTask(input: { agent: "research", type: "content_research", input: { texts: ["Heat pumps cut heating bills. Heat pumps move heat."] } }) { id status } }',
      {},
      alice.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;
    await expect
      .poll(async () => (await p.gql<{ task: Task }>(TASK, { id }, alice.token)).data?.task.status, {
        timeout: 15_000,
      })
      .toBe('SUCCEEDED');
    const done = (
      await p.gql<{ task: Task & { createdBy: { username: string } } }>(TASK, { id }, alice.token)
    ).data!.task;
    expect(done.createdBy).toEqual({ id: alice.id, username: 'alice' });
    expect((done.result as { keywords: { term: string }[] }).keywords[0].term).toBe('heat');
    expect((await p.gql<{ task: Task | null }>(TASK, { id }, bob.token)).data?.task).toBeNull();
    const mine = await p.gql<{ me: { tasks: { totalCount: number } } }>(
      '{ me { tasks { totalCount } } }',
      {},
      alice.token,
    );
    expect(mine.data?.me.tasks.totalCount).toBe(1);
  });

  it('executeAgentTask returns the finished task with its result', async () => {
    const r = await p.gql<{ executeAgentTask: Task }>(
      'mutation { executeAgentTask(input: { agent: "content", type: "social_media_posts", input: { topic: "heat pumps", platform: "x", count: 2 } }) { id status attempts mode result } }',
      {},
      alice.token,
    );
    expect(r.errors).toBeUndefined();
    const task = r.data!.executeAgentTask;
    expect(task).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      mode: 'TEMPLATE',
      result: { platform: 'x' },
    });
    const posts = (task.result as { posts: { characters: number }[] }).posts;
    expect(posts).toHaveLength(2);
    expect(posts.every((post) => post.characters <= 280)).toBe(true);
  });

  it('answers bad input with BAD_USER_INPUT and shows the agents and their queues', async () => {
    const bad = await p.gql(
      'mutation { createTask(input: { agent: "system", type: "noop", schedule: "whenever" }) { id } }',
      {},
      bob.token,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schedule' });
    const agents = await p.gql<{
      agents: { name: string }[];
      queueStats: { agent: string; workers: number }[];
    }>('{ agents { name } queueStats { agent workers } }', {}, bob.token);
    expect(agents.data?.agents.map((a) => a.name)).toEqual(['content', 'research', 'system']);
    expect(agents.data?.queueStats.every((q) => q.workers === 1)).toBe(true);
  });
});
