import { gatewayWebSocket } from '@trae/kit/testing';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';
import { fakeLlm } from './support/fake-llm.js';
import { SECRET } from './support/fakes.js';
import type { Caller } from './support/tokens.js';

type Update = {
  id: string;
  status: string;
  progress: number;
  progressMessage: string | null;
  mode: string | null;
  usage: { inputTokens: number; outputTokens: number };
  result: { model?: string } | null;
  logs: { message: string }[];
};

describe('taskUpdated over graphql-ws', () => {
  let h: Harness;
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  let url: string;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  const clients: Client[] = [];

  /** Subscribes and resolves once the server has the subscription (its first event can then not be missed). */
  const subscribe = (who: Caller | null, id?: string) => {
    const client = createClient({
      url,
      webSocketImpl: gatewayWebSocket(SECRET),
      retryAttempts: 0,
      connectionParams: who ? { authorization: `Bearer ${who.token}` } : {},
    });
    clients.push(client);
    const events: Update[] = [];
    const errors: unknown[] = [];
    const query = `subscription ($id: ID) { taskUpdated(id: $id) { id status mode usage { inputTokens outputTokens } progress progressMessage result logs { message } } }`;
    client.subscribe(
      { query, variables: { id } },
      {
        next: (v) =>
          v.errors ? errors.push(...v.errors) : events.push((v.data as { taskUpdated: Update }).taskUpdated),
        error: (e) => errors.push(e),
        complete: () => undefined,
      },
    );
    return { events, errors };
  };
  const numsub = async (channel: string) =>
    Number(((await h.redis.pubsub('NUMSUB', `${h.prefix}${channel}`)) as [string, number])[1]);

  beforeAll(async () => {
    llm = await fakeLlm(
      [
        {
          text: '{"posts": [{"text": "Streaming one token at a time makes a draft appear live. #Live", "hashtags": ["#Live"]}]}',
          usage: { prompt: 30, completion: 20 },
        },
      ],
      40,
    );
    h = await startTasks({ LLM_BASE_URL: `${llm.url}/v1`, LLM_MODEL: 'tiny', LLM_API_KEY: 'test-llm-key' });
    url = `ws://127.0.0.1:${await h.api.listen(0)}/graphql`;
    await h.worker();
    [alice, bob, admin] = await Promise.all([
      h.tokens.caller('USER'),
      h.tokens.caller('USER'),
      h.tokens.caller('ADMIN'),
    ]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h?.stop();
    await llm?.close();
  });

  it('streams every state change and progress step to the owner and admins, never to others', async () => {
    const mine = subscribe(alice);
    const others = subscribe(bob);
    const all = subscribe(admin);
    await expect.poll(() => numsub('task.updated')).toBe(1);
    const r = await h.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "content", type: "social_media_posts", input: { topic: "live drafts", platform: "x", count: 1 } }) { id } }',
      {},
      alice.token,
    );
    const id = r.data!.createTask.id;
    await expect.poll(() => mine.events.at(-1)?.status, { timeout: 10_000 }).toBe('SUCCEEDED');
    const statuses = [...new Set(mine.events.map((e) => e.status))];
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    const streamed = mine.events.filter(
      (e) => e.status === 'RUNNING' && e.progressMessage?.startsWith('writing: '),
    );
    expect(streamed.length).toBeGreaterThan(1);
    expect(mine.events.at(-1)).toMatchObject({
      id,
      progress: 100,
      mode: 'MODEL',
      usage: { inputTokens: 30, outputTokens: 20 },
      result: { model: 'tiny' },
    });
    expect(mine.events.some((e) => e.logs.some((l) => l.message === 'writing with tiny'))).toBe(true);
    await expect.poll(() => all.events.some((e) => e.id === id && e.status === 'SUCCEEDED')).toBe(true);
    expect(others.events).toEqual([]);
    expect(mine.errors).toEqual([]);
  });

  it('follows one task by id, and refuses guests', async () => {
    const create = async () =>
      (
        await h.gql<{ createTask: { id: string } }>(
          'mutation { createTask(input: { agent: "system", type: "noop", input: { sleepMs: 5000 } }) { id } }',
          {},
          alice.token,
        )
      ).data!.createTask.id;
    const first = await create();
    const one = subscribe(alice, first);
    await expect.poll(() => numsub(`task.updated:${first}`)).toBe(1);
    await h.gql(`mutation { cancelTask(id: "${first}") { status } }`, {}, alice.token);
    const second = await create();
    await expect.poll(() => one.events.map((e) => e.status).at(-1), { timeout: 5_000 }).toBe('CANCELLED');
    await h.gql(`mutation { cancelTask(id: "${second}") { status } }`, {}, alice.token);
    expect(one.events.every((e) => e.id === first)).toBe(true);
    // The state comes first: a page that read the task just before it finished, then subscribed,
    // still learns the end. Someone else's task yields nothing, not even its state.
    // (Redis counts one subscription per channel and process, so bob's is opened first and given a
    // moment: the service has no acknowledgement to wait for.)
    const prying = subscribe(bob, first);
    const late = subscribe(alice, first);
    await expect.poll(() => late.events.map((e) => e.status)).toEqual(['CANCELLED']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await h.gql(`mutation { retryTask(id: "${first}") { status } }`, {}, alice.token);
    await expect.poll(() => late.events.length).toBeGreaterThan(1);
    expect(prying.events).toEqual([]);
    await h.gql(`mutation { cancelTask(id: "${first}") { status } }`, {}, alice.token);

    const guest = subscribe(null);
    await expect.poll(() => guest.errors.length).toBe(1);
    expect(guest.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const signedInGuest = subscribe(await h.tokens.caller('GUEST'));
    await expect.poll(() => signedInGuest.errors.length).toBe(1);
    expect(signedInGuest.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
