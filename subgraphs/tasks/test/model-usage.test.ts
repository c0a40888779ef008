import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmClient } from '../src/modules/runtime/llm-client.js';
import { TaskModel } from '../src/modules/runtime/task-model.js';
import { type Harness, startTasks, workerUrl } from './setup.js';
import { fakeLlm, LLM_KEY } from './support/fake-llm.js';
import type { Caller } from './support/tokens.js';

const POSTS = JSON.stringify({ posts: [{ text: 'Budgets keep costs honest. #Cost', hashtags: ['#Cost'] }] });
const RUN = `mutation ($i: ExecuteAgentTaskInput!) { executeAgentTask(input: $i) {
  id status error mode usage { inputTokens outputTokens costUsd } } }`;
type Ran = {
  id: string;
  status: string;
  error: string | null;
  mode: string | null;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
};
type Day = {
  agent: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

describe('model tokens, cost and daily budgets', () => {
  let h: Harness;
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  let alice: Caller;
  let bob: Caller;
  let admin: Caller;
  let metricsUrl: string;

  const run = async (who: Caller, input: Record<string, unknown> = { topic: 'costs', count: 1 }) => {
    const r = await h.gql<{ executeAgentTask: Ran }>(
      RUN,
      { i: { agent: 'content', type: 'social_media_posts', input, timeoutMs: 10_000 } },
      who.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.executeAgentTask;
  };
  const usage = async (who: Caller, args = '') =>
    h.gql<{ usage: Day[] }>(
      `{ usage${args} { agent model calls inputTokens outputTokens costUsd } }`,
      {},
      who.token,
    );

  beforeAll(async () => {
    llm = await fakeLlm([{ text: POSTS, usage: { prompt: 300, completion: 200 } }]);
    h = await startTasks({
      LLM_BASE_URL: `${llm.url}/v1`,
      LLM_MODEL: 'tiny',
      LLM_API_KEY: LLM_KEY,
      LLM_PRICES: JSON.stringify({ tiny: { input: 1, output: 4 } }),
      LLM_USER_DAILY_TOKENS: '1000',
    });
    metricsUrl = `${await workerUrl(h, (await h.worker()).id)}/metrics`;
    [alice, bob, admin] = await Promise.all([
      h.tokens.caller('USER'),
      h.tokens.caller('USER'),
      h.tokens.caller('ADMIN'),
    ]);
  });
  afterAll(async () => {
    await h?.stop();
    await llm?.close();
  });

  it('records tokens and estimated cost on the task, and refuses model calls once the user budget is spent', async () => {
    const first = await run(alice);
    expect(first).toMatchObject({
      status: 'SUCCEEDED',
      mode: 'MODEL',
      usage: { inputTokens: 300, outputTokens: 200, costUsd: 0.0011 },
    });
    expect((await run(alice)).status).toBe('SUCCEEDED');
    expect(llm.requests).toHaveLength(2);

    // The worker counts them for the dashboard's usage series (observability derives llm_*_rate from these).
    const counted = await (await fetch(metricsUrl)).text();
    expect(counted).toContain(
      'llm_tokens_total{direction="input",agent="content",model="tiny",service="tasks-worker"} 600',
    );
    expect(counted).toContain(
      'llm_tokens_total{direction="output",agent="content",model="tiny",service="tasks-worker"} 400',
    );
    expect(counted).toMatch(
      /llm_cost_usd_total\{agent="content",model="tiny",service="tasks-worker"\} 0\.0022/,
    );

    // 1,000 tokens used today: the API refuses new model tasks at once, with the code, scope and reset time.
    const now = await h.gql(
      'mutation { createTask(input: { agent: "content", type: "social_media_posts", input: { topic: "x" } }) { id } }',
      {},
      alice.token,
    );
    expect(now.errors?.[0]?.extensions).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      scope: 'user',
      resetsAt: expect.stringMatching(/T00:00:00\.000Z$/),
    });
    expect(llm.requests).toHaveLength(2);
    // Work that calls no model is not held back.
    const research = await h.gql(
      'mutation { createTask(input: { agent: "research", type: "content_research", input: { texts: ["a b c"] } }) { id } }',
      {},
      alice.token,
    );
    expect(research.errors).toBeUndefined();

    // A task queued before the budget ran out is refused by the worker at its first model call.
    const model = new TaskModel(
      new LlmClient({ baseUrl: `${llm.url}/v1`, model: 'tiny', apiKey: LLM_KEY, timeoutMs: 5_000 }),
      { sql: h.api.sql, prices: {}, budgets: { userDailyTokens: 1000, agentDailyTokens: 0 } },
      { id: randomUUID(), agent: 'content', createdBy: alice.id },
    );
    await expect(model.generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      /^BUDGET_EXCEEDED: the daily language-model budget of this user \(1000 tokens\) is used up/,
    );
    expect(llm.requests).toHaveLength(2);

    // Another user's budget is their own.
    expect((await run(bob)).status).toBe('SUCCEEDED');
  });

  it('answers usage per day: your own for a USER, anyone’s for ADMIN; and on Agent.stats', async () => {
    const mine = await usage(alice);
    expect(mine.data!.usage).toEqual([
      { agent: 'content', model: 'tiny', calls: 2, inputTokens: 600, outputTokens: 400, costUsd: 0.0022 },
    ]);
    const all = await usage(admin);
    expect(all.data!.usage[0]).toMatchObject({ calls: 3, inputTokens: 900, outputTokens: 600 });
    const forbidden = await usage(bob, `(userId: "${alice.id}")`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await usage(alice, '(days: 0)');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });

    const stats = await h.gql<{ agent: { stats: { usage: { inputTokens: number; costUsd: number } } } }>(
      '{ agent(id: "content") { stats { usage { inputTokens outputTokens costUsd } } } }',
      {},
      admin.token,
    );
    expect(stats.data!.agent.stats.usage).toMatchObject({ inputTokens: 900, costUsd: 0.0033 });
  });

  it('refuses model calls once the agent’s daily budget is spent, whoever asks', async () => {
    // A fresh platform (its own database) whose agent budget one answer (500 tokens) uses up.
    await h.stop();
    h = await startTasks({
      LLM_BASE_URL: `${llm.url}/v1`,
      LLM_MODEL: 'tiny',
      LLM_API_KEY: LLM_KEY,
      LLM_AGENT_DAILY_TOKENS: '400',
    });
    await h.worker();
    const carol = await h.tokens.caller('USER');
    expect((await run(carol)).status).toBe('SUCCEEDED');
    const refused = await h.gql(
      RUN,
      { i: { agent: 'content', type: 'social_media_posts', input: { topic: 'x' } } },
      carol.token,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'the daily language-model budget of agent content (400 tokens) is used up',
      extensions: { code: 'BUDGET_EXCEEDED', scope: 'agent' },
    });
  });
});
