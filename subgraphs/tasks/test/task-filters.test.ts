import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';
import type { Caller } from './support/tokens.js';

const CREATE = `mutation ($i: CreateTaskInput!) { createTask(input: $i) { id createdAt } }`;
const TASKS = `query ($first: Int, $after: String, $search: String, $createdFrom: DateTime,
  $createdTo: DateTime, $createdBy: ID, $agent: String) {
  tasks(first: $first, after: $after, search: $search, createdFrom: $createdFrom,
    createdTo: $createdTo, createdBy: $createdBy, agent: $agent) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

type Page = {
  tasks: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: { id: string } }[];
  };
};

describe('tasks filters: text search and time range, on keyset pages', () => {
  let h: Harness;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  const create = async (echo: string, who: Caller) => {
    const r = await h.gql<{ createTask: { id: string; createdAt: string } }>(
      CREATE,
      { i: { agent: 'system', type: 'noop', input: { echo } } },
      who.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createTask;
  };
  const list = (vars: Record<string, unknown>, who: Caller) => h.gql<Page>(TASKS, vars, who.token);
  const codeOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    h = await startTasks();
    [alice, bob, admin] = await Promise.all(
      (['USER', 'USER', 'ADMIN'] as const).map((r) => h.tokens.caller(r)),
    );
  });
  afterAll(() => h?.stop());

  it('finds tasks by text in their input or id, paging through the matches', async () => {
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await create(`zebra-${i}`, alice));
    await create('lion', alice);
    await create('zebra-bob', bob);

    const page1 = await list({ search: 'ZEBRA', first: 3 }, alice);
    const page2 = await list(
      { search: 'zebra', first: 3, after: page1.data!.tasks.pageInfo.endCursor },
      alice,
    );
    const byId = await list({ search: mine[2].id.slice(0, 13) }, alice);

    expect(page1.data!.tasks.totalCount).toBe(5);
    expect(page1.data!.tasks.pageInfo.hasNextPage).toBe(true);
    const seen = [...page1.data!.tasks.edges, ...page2.data!.tasks.edges].map((e) => e.node.id);
    expect(seen).toEqual(mine.map((t) => t.id).reverse());
    expect(page2.data!.tasks.pageInfo.hasNextPage).toBe(false);
    expect(byId.data!.tasks.edges.map((e) => e.node.id)).toEqual([mine[2].id]);
  });

  it('never widens a search past what the caller may see; ADMIN searches everyone or one user', async () => {
    await create('okapi-alice', alice);
    await create('okapi-bob', bob);

    const asAlice = await list({ search: 'okapi' }, alice);
    const asAdmin = await list({ search: 'okapi' }, admin);
    const adminForBob = await list({ search: 'okapi', createdBy: bob.id }, admin);
    const aliceForBob = await list({ search: 'okapi', createdBy: bob.id }, alice);

    expect(asAlice.data!.tasks.totalCount).toBe(1);
    expect(asAdmin.data!.tasks.totalCount).toBe(2);
    expect(adminForBob.data!.tasks.totalCount).toBe(1);
    expect(codeOf(aliceForBob)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps to a creation time range, inclusive at both ends', async () => {
    const carol = await h.tokens.caller('USER');
    const first = await create('range-0', carol);
    await new Promise((r) => setTimeout(r, 20));
    const middle = await create('range-1', carol);
    await new Promise((r) => setTimeout(r, 20));
    const last = await create('range-2', carol);

    const fromMiddle = await list({ createdFrom: middle.createdAt }, carol);
    const toMiddle = await list({ createdTo: middle.createdAt }, carol);
    const exactly = await list({ createdFrom: middle.createdAt, createdTo: middle.createdAt }, carol);

    expect(fromMiddle.data!.tasks.edges.map((e) => e.node.id)).toEqual([last.id, middle.id]);
    expect(toMiddle.data!.tasks.edges.map((e) => e.node.id)).toEqual([middle.id, first.id]);
    expect(exactly.data!.tasks.edges.map((e) => e.node.id)).toEqual([middle.id]);
  });

  it('refuses a blank or long search and a reversed range with BAD_USER_INPUT naming the field', async () => {
    const now = new Date();
    const earlier = new Date(now.getTime() - 60_000);

    const blank = await list({ search: '   ' }, alice);
    const long = await list({ search: 'x'.repeat(201) }, alice);
    const reversed = await list({ createdFrom: now.toISOString(), createdTo: earlier.toISOString() }, alice);
    const wildcard = await list({ search: '%' }, alice);

    expect(codeOf(blank)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(codeOf(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(codeOf(reversed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'createdFrom' });
    expect(wildcard.data!.tasks.totalCount).toBe(0);
  });
});
