import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, type Harness, startTasks } from './setup.js';
import { type ChatRequest, fakeLlm, LLM_KEY } from './support/fake-llm.js';
import type { Caller } from './support/tokens.js';

const ANSWER = JSON.stringify({
  title: 'Ops report',
  body: '# Ops report\n\nAll quiet.',
  hashtags: ['#Ops'],
});
const TASK = 'query ($id: ID!) { task(id: $id) { status error logs { level message data } } }';
type View = {
  status: string;
  error: string | null;
  logs: { level: string; message: string; data: { input?: Record<string, unknown> } | null }[];
};

/** The tool answers the platform sent back to the model in a request, in call order. */
const toolAnswers = (req: ChatRequest) =>
  req.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(String(m.content)));

describe('agent data tools: logs, errors, metrics and channel content as the task’s creator', () => {
  let h: Harness;
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  const aliceChannel = randomUUID();
  const bobChannel = randomUUID();

  /** Runs one content task whose model makes `calls` in one step, then answers; the tool answers back. */
  const run = async (who: Caller, calls: { name: string; arguments: Record<string, unknown> }[]) => {
    llm.script([{ toolCalls: calls }, { text: ANSWER }]);
    const r = await h.gql<{ createTask: { id: string } }>(
      'mutation ($i: CreateTaskInput!) { createTask(input: $i) { id } }',
      { i: { agent: 'content', type: 'content_generation', input: { topic: 'ops' }, maxAttempts: 1 } },
      who.token,
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.createTask.id;
    const view = async () => (await h.gql<{ task: View }>(TASK, { id }, who.token)).data!.task;
    await expect.poll(async () => (await view()).status, { timeout: 10_000 }).toBe('SUCCEEDED');
    return { answers: toolAnswers(llm.requests[1]), task: await view() };
  };

  beforeAll(async () => {
    llm = await fakeLlm();
    h = await startTasks({ ...FAST, LLM_BASE_URL: `${llm.url}/v1`, LLM_MODEL: 'tiny', LLM_API_KEY: LLM_KEY });
    await h.worker();
    [alice, bob, admin] = await Promise.all([
      h.tokens.caller('USER'),
      h.tokens.caller('USER'),
      h.tokens.caller('ADMIN'),
    ]);
    h.observability.lines.push(
      { userId: alice.id, level: 'INFO', service: 'tasks', message: 'alice task queued' },
      { userId: bob.id, level: 'INFO', service: 'tasks', message: 'bob task queued' },
    );
    h.observability.groups.push(
      { users: [alice.id], type: 'TypeError', message: 'alice broke it', service: 'tasks' },
      { users: [bob.id], type: 'RangeError', message: 'bob broke it', service: 'files' },
    );
    h.observability.points.push({ service: 'gateway', value: 12.5 });
    h.channels.setMember(aliceChannel, alice.id, 'EDITOR');
    h.channels.setMember(aliceChannel, bob.id, 'VIEWER');
    h.channels.setMember(bobChannel, bob.id, 'OWNER');
    h.channels.content.set(bobChannel, [{ id: randomUUID(), channelId: bobChannel, title: 'Bob only' }]);
  });
  afterAll(async () => {
    await h?.stop();
    await llm?.close();
  });

  it('searches logs and error groups: the creator’s own for a user, everything for ADMIN; secrets stay out of the log', async () => {
    const { answers, task } = await run(alice, [
      { name: 'search_logs', arguments: { search: 'queued' } },
      { name: 'list_errors', arguments: {} },
      { name: 'search_logs', arguments: { search: 'Bearer sk-live-0123456789' } },
    ]);
    const [logs, errors] = answers;
    expect(logs.lines.map((l: { message: string }) => l.message)).toEqual(['alice task queued']);
    expect(errors.groups.map((g: { message: string }) => g.message)).toEqual(['alice broke it']);

    const calls = task.logs.filter((l) => l.message === 'tool search_logs');
    expect(calls.map((l) => l.data?.input)).toEqual([{ search: 'queued' }, { search: 'Bearer [REDACTED]' }]);
    expect(JSON.stringify(task.logs)).not.toContain('sk-live-0123456789');
    expect(task.logs.map((l) => l.message)).toEqual(
      expect.arrayContaining(['tool search_logs answered', 'tool list_errors', 'tool list_errors answered']),
    );

    const asAdmin = await run(admin, [
      { name: 'search_logs', arguments: { search: 'queued' } },
      { name: 'list_errors', arguments: {} },
    ]);
    expect(asAdmin.answers[0].lines).toHaveLength(2);
    expect(asAdmin.answers[1].groups).toHaveLength(2);
  });

  it('queries a metric series; an unknown series answers the model with the service’s reason', async () => {
    const { answers, task } = await run(alice, [
      { name: 'query_metric', arguments: { name: 'http_request_rate', sinceMinutes: 30 } },
      { name: 'query_metric', arguments: { name: 'made_up' } },
    ]);
    expect(answers[0]).toMatchObject({ points: [{ service: 'gateway', value: 12.5 }], truncated: false });
    expect(answers[1].error).toMatch(/unknown metric/);
    expect(task.logs.map((l) => l.message)).toContain(
      'tool query_metric failed: unknown metric; one of http_request_rate',
    );
  });

  it('lists and drafts channel content where the creator may; refuses channels they cannot see or edit', async () => {
    const { answers } = await run(alice, [
      {
        name: 'create_draft',
        arguments: { channelId: aliceChannel, title: 'Agent draft', body: 'Hi', kind: 'POST' },
      },
      { name: 'list_content', arguments: { channelId: bobChannel } },
    ]);
    expect(answers[0]).toMatchObject({ channelId: aliceChannel, title: 'Agent draft', status: 'DRAFT' });
    expect(h.channels.content.get(aliceChannel)?.[0]).toMatchObject({
      createdBy: alice.id,
      title: 'Agent draft',
    });
    expect(answers[1].error).toMatch(/Channel not found/);

    const asViewer = await run(bob, [
      { name: 'list_content', arguments: { channelId: aliceChannel } },
      { name: 'create_draft', arguments: { channelId: aliceChannel, title: 'Nope', body: '', kind: 'POST' } },
      { name: 'list_content', arguments: {} },
    ]);
    expect(asViewer.answers[0]).toMatchObject({ totalCount: 1, items: [{ title: 'Agent draft' }] });
    expect(asViewer.answers[1].error).toMatch(/Requires channel role EDITOR/);
    expect(asViewer.answers[2].error).toMatch(/no channelId given and the task has no channel/);
    expect(h.channels.content.get(aliceChannel)).toHaveLength(1);
  });
});
