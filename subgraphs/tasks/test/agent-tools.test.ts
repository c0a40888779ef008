import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, type Harness, startTasks } from './setup.js';
import { type ChatRequest, fakeLlm, LLM_KEY, type Turn } from './support/fake-llm.js';
import type { Caller } from './support/tokens.js';
import { fixtureWeb } from './support/web.js';

const ARTICLE_JSON = JSON.stringify({
  title: 'Solar storage',
  body: '# Solar storage\n\nBatteries keep solar power for the night.',
  hashtags: ['#Solar'],
});
const TASK = `query ($id: ID!) { task(id: $id) { id status error mode logs { level message data } } }`;
type View = {
  id: string;
  status: string;
  error: string | null;
  mode: string | null;
  logs: { level: string; message: string; data: { input?: Record<string, unknown> } | null }[];
};

/** The tool answers the platform sent back to the model, by tool call id order. */
const toolAnswers = (req: ChatRequest) =>
  req.messages
    .filter((m) => m.role === 'tool')
    .map((m) => {
      try {
        return JSON.parse(String(m.content));
      } catch {
        // An input the tool's schema refused comes back as the SDK's error text.
        return String(m.content);
      }
    });

describe('agent tools: the platform’s capabilities as model tools, as the task’s creator', () => {
  let h: Harness;
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  let web: Awaited<ReturnType<typeof fixtureWeb>>;
  let alice: Caller;
  let bob: Caller;
  const alicesFile = randomUUID();
  const bobsFile = randomUUID();

  const create = async (input: Record<string, unknown>, who = alice) => {
    const r = await h.gql<{ createTask: { id: string } }>(
      'mutation ($i: CreateTaskInput!) { createTask(input: $i) { id } }',
      { i: { agent: 'content', type: 'content_generation', input, maxAttempts: 1 } },
      who.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createTask.id;
  };
  const get = async (id: string, who = alice) =>
    (await h.gql<{ task: View }>(TASK, { id }, who.token)).data!.task;
  const settled = async (id: string, status: string, who = alice) => {
    await expect
      .poll(async () => (await get(id, who)).status, { timeout: 10_000, interval: 100 })
      .toBe(status);
    return get(id, who);
  };

  beforeAll(async () => {
    web = await fixtureWeb();
    llm = await fakeLlm();
    h = await startTasks({ ...FAST, LLM_BASE_URL: `${llm.url}/v1`, LLM_MODEL: 'tiny', LLM_API_KEY: LLM_KEY });
    // start_task goes through the API's /internal/tasks, as the webhooks service's tasks do.
    await h.worker({ TASKS_URL: `http://127.0.0.1:${await h.api.listen(0)}` });
    [alice, bob] = await Promise.all([h.tokens.caller('USER'), h.tokens.caller('USER')]);
    h.files.files.set(alicesFile, {
      owner: alice.id,
      name: 'notes.txt',
      contentType: 'text/plain',
      body: 'Battery notes: 10 kWh covers an evening.',
    });
    h.files.files.set(bobsFile, {
      owner: bob.id,
      name: 'bob.txt',
      contentType: 'text/plain',
      body: 'private',
    });
  });
  afterAll(async () => {
    await h?.stop();
    await llm?.close();
    await web?.close();
  });

  it('runs a tool loop: reads the creator’s file, fetches a page through the SSRF guard, refuses another user’s file, then answers', async () => {
    const turns: Turn[] = [
      {
        toolCalls: [
          { name: 'read_file', arguments: { fileId: alicesFile } },
          { name: 'fetch_page', arguments: { url: `${web.url}/article` } },
        ],
      },
      { toolCalls: [{ name: 'read_file', arguments: { fileId: bobsFile } }] },
      { text: ARTICLE_JSON },
    ];
    llm.script(turns);
    const id = await create({ topic: 'solar storage' });
    const task = await settled(id, 'SUCCEEDED');
    expect(task.mode).toBe('MODEL');
    expect(llm.requests).toHaveLength(3);
    expect(llm.requests[0].tools?.map((t) => t.function.name).sort()).toEqual([
      'create_draft',
      'fetch_page',
      'list_content',
      'list_errors',
      'query_metric',
      'read_file',
      'search_logs',
      'start_task',
    ]);
    const [file, page] = toolAnswers(llm.requests[1]);
    expect(file).toMatchObject({ name: 'notes.txt', text: 'Battery notes: 10 kWh covers an evening.' });
    expect(page).toMatchObject({ title: 'Solar Storage Explained', status: 200 });
    expect(page.text).toContain('Home batteries store solar energy');
    const refused = toolAnswers(llm.requests[2]).at(-1);
    expect(refused.error).toMatch(/not found or is not readable by the task's creator/);
    const lines = task.logs.map((l) => l.message);
    expect(lines).toEqual(
      expect.arrayContaining([
        'tool read_file',
        'tool fetch_page',
        'tool read_file answered',
        'tool fetch_page answered',
        expect.stringMatching(/^tool read_file failed: file .* not readable/),
      ]),
    );
  });

  it('starts a research task as the creator, and only research', async () => {
    llm.script([
      {
        toolCalls: [
          {
            name: 'start_task',
            arguments: { type: 'content_research', input: { texts: ['Solar batteries store power.'] } },
          },
          { name: 'start_task', arguments: { type: 'backup', input: {} } },
        ],
      },
      { text: ARTICLE_JSON },
    ]);
    const id = await create({ topic: 'solar' });
    await settled(id, 'SUCCEEDED');
    const [child, refused] = toolAnswers(llm.requests[1]);
    expect(child).toMatchObject({ id: expect.any(String) });
    expect(JSON.stringify(refused)).toMatch(/Invalid input|invalid/i);
    const seen = await h.gql<{
      task: { agent: string; type: string; status: string; createdBy: { id: string } };
    }>(
      'query ($id: ID!) { task(id: $id) { agent type status createdBy { id } } }',
      { id: child.id },
      alice.token,
    );
    expect(seen.data!.task).toMatchObject({
      agent: 'research',
      type: 'content_research',
      createdBy: { id: alice.id },
    });
    // Bob cannot see it: it is Alice's task.
    const bobs = await h.gql<{ task: unknown }>(
      'query ($id: ID!) { task(id: $id) { id } }',
      { id: child.id },
      bob.token,
    );
    expect(bobs.data!.task).toBeNull();
  });

  it('stops a model that never stops calling tools at the step limit, with a clear reason', async () => {
    llm.script([{ toolCalls: [{ name: 'read_file', arguments: { fileId: alicesFile } }] }]);
    const id = await create({ topic: 'loops' });
    const task = await settled(id, 'FAILED');
    expect(task.error).toMatch(/still calling tools after 6 steps \(the step limit\)/);
    expect(llm.requests).toHaveLength(6);
  });

  it('cancelling the task aborts the model stream mid-answer', async () => {
    llm.script([{ text: 'word '.repeat(2_000), tokenDelayMs: 5 }]);
    const id = await create({ topic: 'long' });
    await expect.poll(() => llm.open(), { timeout: 5_000 }).toBe(1);
    const r = await h.gql<{ cancelTask: { status: string } }>(
      'mutation ($id: ID!) { cancelTask(id: $id) { status } }',
      { id },
      alice.token,
    );
    expect(r.data?.cancelTask.status).toBe('CANCELLED');
    await expect.poll(() => llm.aborted(), { timeout: 5_000 }).toBe(1);
    // The fake stops writing at its next token once the client has hung up.
    await expect.poll(() => llm.open(), { timeout: 1_000 }).toBe(0);
    expect((await get(id)).status).toBe('CANCELLED');
  });
});
