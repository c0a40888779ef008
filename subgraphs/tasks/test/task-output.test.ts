import { gatewayWebSocket } from '@trae/kit/testing';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startTasks } from './setup.js';
import { fakeLlm } from './support/fake-llm.js';
import { SECRET } from './support/fakes.js';
import type { Caller } from './support/tokens.js';

type Chunk = { taskId: string; attempt: number; offset: number; text: string; done: boolean };

const WORDS = 1_000;
/** A 1,000-word answer, streamed by the fake model one word (one SSE chunk) a millisecond. */
const ANSWER = JSON.stringify({
  title: 'Live output',
  body: `# Live output\n\n${Array.from({ length: WORDS }, (_, i) => `word${i}`).join(' ')}`,
  hashtags: ['#Live'],
});
const TOKENS = ANSWER.match(/\S+\s*|\s+/g)!.length;

describe('taskOutput over graphql-ws', () => {
  let h: Harness;
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  let url: string;
  let alice: Caller;
  let bob: Caller;
  const clients: Client[] = [];

  const follow = (who: Caller, id: string) => {
    const client = createClient({
      url,
      webSocketImpl: gatewayWebSocket(SECRET),
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${who.token}` },
    });
    clients.push(client);
    const chunks: Chunk[] = [];
    const arrived: number[] = [];
    const errors: { extensions?: { code?: string } }[] = [];
    const state = { chunks, arrived, errors, completed: false };
    client.subscribe(
      {
        query: 'subscription ($id: ID!) { taskOutput(id: $id) { taskId attempt offset text done } }',
        variables: { id },
      },
      {
        next: (v) =>
          v.errors
            ? errors.push(...(v.errors as unknown as typeof errors))
            : chunks.push((v.data as { taskOutput: Chunk }).taskOutput) && arrived.push(Date.now()),
        // A refused subscribe arrives as graphql-ws's error message, with the GraphQL errors.
        error: (e) => errors.push(...(Array.isArray(e) ? e : [e])),
        complete: () => {
          state.completed = true;
        },
      },
    );
    return state;
  };
  const outputOf = async (id: string, who: Caller) =>
    (
      await h.gql<{ task: { output: string | null } | null }>(
        `query { task(id: "${id}") { output } }`,
        {},
        who.token,
      )
    ).data?.task?.output ?? null;
  /** Each piece starts where the one before ended, from offset 0; together they are the whole answer. */
  const expectWhole = (chunks: Chunk[]) => {
    let offset = 0;
    for (const c of chunks) {
      expect(c.offset).toBe(offset);
      offset += c.text.length;
    }
    expect(chunks.map((c) => c.text).join('')).toBe(ANSWER);
    expect(chunks.at(-1)?.done).toBe(true);
    expect(chunks.filter((c) => c.done)).toHaveLength(1);
  };

  beforeAll(async () => {
    llm = await fakeLlm([{ text: ANSWER, delayMs: 300, usage: { prompt: 40, completion: TOKENS } }], 1);
    h = await startTasks({ LLM_BASE_URL: `${llm.url}/v1`, LLM_MODEL: 'tiny', LLM_API_KEY: 'test-llm-key' });
    url = `ws://127.0.0.1:${await h.api.listen(0)}/graphql`;
    await h.worker();
    [alice, bob] = await Promise.all([h.tokens.caller('USER'), h.tokens.caller('USER')]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h?.stop();
    await llm?.close();
  });

  it('streams the text in batches, in order, without loss; a late subscriber catches up; others are refused', async () => {
    const created = await h.gql<{ createTask: { id: string } }>(
      `mutation { createTask(input: { agent: "content", type: "content_generation", input: { topic: "live output", words: ${WORDS} } }) { id } }`,
      {},
      alice.token,
    );
    const id = created.data!.createTask.id;
    const early = follow(alice, id);
    const prying = follow(bob, id);

    // Mid-stream: some text is written, far from all of it.
    await expect
      .poll(async () => (await outputOf(id, alice))?.length ?? 0, { interval: 20, timeout: 10_000 })
      .toBeGreaterThan(0);
    const late = follow(alice, id);
    await expect.poll(() => late.chunks.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(late.chunks[0]).toMatchObject({ taskId: id, attempt: 1, offset: 0, done: false });
    expect(late.chunks[0].text.length).toBeLessThan(ANSWER.length);

    await expect.poll(() => early.completed && late.completed, { timeout: 15_000 }).toBe(true);
    expectWhole(early.chunks);
    expectWhole(late.chunks);
    // About 1,000 tokens over a few seconds: at most one message per 100 ms (TASK_OUTPUT_FLUSH_MS), the
    // first at once and the final `done` one on top.
    const streamedMs = early.arrived.at(-1)! - early.arrived[0];
    expect(early.chunks.length).toBeGreaterThan(3);
    expect(early.chunks.length).toBeLessThanOrEqual(Math.ceil(streamedMs / 100) + 3);
    expect(early.chunks.length).toBeLessThan(TOKENS / 10);
    expect(early.errors).toEqual([]);

    expect(prying.chunks).toEqual([]);
    expect(prying.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await outputOf(id, bob)).toBeNull();

    const task = await h.gql<{ task: { status: string; output: string; result: { body: string } } }>(
      `query { task(id: "${id}") { status output result } }`,
      {},
      alice.token,
    );
    expect(task.data!.task).toMatchObject({ status: 'SUCCEEDED', output: ANSWER });
    expect(task.data!.task.result.body).toBe(JSON.parse(ANSWER).body);

    // After the end: the whole text in one piece, and the subscription ends.
    const after = follow(alice, id);
    await expect.poll(() => after.completed).toBe(true);
    expect(after.chunks).toEqual([{ taskId: id, attempt: 1, offset: 0, text: ANSWER, done: true }]);
  });
  it('ends with what was written when the task is cancelled mid-stream', async () => {
    llm.script([{ text: ANSWER, tokenDelayMs: 20 }]);
    const created = await h.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "content", type: "content_generation", input: { topic: "cut short" } }) { id } }',
      {},
      alice.token,
    );
    const id = created.data!.createTask.id;
    const live = follow(alice, id);
    await expect.poll(() => live.chunks.length, { timeout: 10_000 }).toBeGreaterThan(2);
    await h.gql(`mutation { cancelTask(id: "${id}") { status } }`, {}, alice.token);

    await expect.poll(() => live.completed, { timeout: 10_000 }).toBe(true);
    const text = live.chunks.map((c) => c.text).join('');
    expect(live.chunks.at(-1)?.done).toBe(true);
    expect(ANSWER.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(ANSWER.length);
    expect(await outputOf(id, alice)).toBe(text);
  });
  it('costs nothing for work that writes no text', async () => {
    const created = await h.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "system", type: "noop", input: {} }) { id } }',
      {},
      alice.token,
    );
    const id = created.data!.createTask.id;
    const status = async () =>
      (await h.gql<{ task: { status: string } }>(`query { task(id: "${id}") { status } }`, {}, alice.token))
        .data?.task.status;
    await expect.poll(status, { timeout: 10_000 }).toBe('SUCCEEDED');
    expect(await h.redis.exists(`${h.prefix}task.output:${id}`)).toBe(0);
    expect(await outputOf(id, alice)).toBeNull();
    // Subscribed after the end: an empty, finished output rather than a wait.
    const after = follow(alice, id);
    await expect.poll(() => after.completed).toBe(true);
    expect(after.chunks).toEqual([{ taskId: id, attempt: 1, offset: 0, text: '', done: true }]);
  });
  it('ends when the task fails before its first token (no text written)', async () => {
    llm.script([{ delayMs: 800, status: 400, error: 'no such model' }]);
    const created = await h.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "content", type: "content_generation", input: { topic: "never written" }, maxAttempts: 1 }) { id } }',
      {},
      alice.token,
    );
    const id = created.data!.createTask.id;
    const live = follow(alice, id);
    // Subscribed while the model is still thinking: nothing written, nothing over.
    await expect.poll(() => llm.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(live.chunks).toEqual([]);

    await expect.poll(() => live.completed, { timeout: 15_000 }).toBe(true);
    expect(live.chunks).toEqual([{ taskId: id, attempt: 1, offset: 0, text: '', done: true }]);
    expect(live.errors).toEqual([]);
    const task = await h.gql<{ task: { status: string; error: string } }>(
      `query { task(id: "${id}") { status error } }`,
      {},
      alice.token,
    );
    expect(task.data!.task.status).toBe('FAILED');
    expect(task.data!.task.error).toContain('HTTP 400');
  });
  it('ends when the task is cancelled before its first token', async () => {
    llm.script([{ delayMs: 5_000, text: 'too late' }]);
    const created = await h.gql<{ createTask: { id: string } }>(
      'mutation { createTask(input: { agent: "content", type: "content_generation", input: { topic: "cancelled early" } }) { id } }',
      {},
      alice.token,
    );
    const id = created.data!.createTask.id;
    const live = follow(alice, id);
    await expect.poll(() => llm.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await h.gql(`mutation { cancelTask(id: "${id}") { status } }`, {}, alice.token);

    await expect.poll(() => live.completed, { timeout: 15_000 }).toBe(true);
    expect(live.chunks).toEqual([{ taskId: id, attempt: 1, offset: 0, text: '', done: true }]);
  });
});
