import { tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LlmClient } from '../src/modules/runtime/llm-client.js';
import { DEFAULT_MODELS, selectLlm } from '../src/modules/runtime/llm-provider.js';
import { ANTHROPIC_KEY, fakeAnthropic } from './support/fake-anthropic.js';
import { fakeLlm, LLM_KEY } from './support/fake-llm.js';

describe('which provider writes', () => {
  it('keeps an OpenAI-compatible base URL first, then OpenAI’s key, then Anthropic’s; nothing: the template engine', () => {
    const keys = { OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a' };
    expect(selectLlm({ LLM_BASE_URL: 'http://ollama:11434/v1', LLM_MODEL: 'llama3', ...keys })).toEqual({
      provider: 'openai-compatible',
      baseUrl: 'http://ollama:11434/v1',
      apiKey: undefined,
      model: 'llama3',
    });
    // A base URL without a model is not a configured model, and does not fall through to a vendor.
    expect(selectLlm({ LLM_BASE_URL: 'http://ollama:11434/v1', ...keys })).toBeNull();
    expect(selectLlm(keys)).toEqual({
      provider: 'openai',
      apiKey: 'sk-o',
      baseUrl: undefined,
      model: DEFAULT_MODELS.openai,
    });
    expect(selectLlm({ ANTHROPIC_API_KEY: 'sk-a', LLM_MODEL: 'claude-sonnet-4-5' })).toEqual({
      provider: 'anthropic',
      apiKey: 'sk-a',
      baseUrl: undefined,
      model: 'claude-sonnet-4-5',
    });
    expect(selectLlm({ ANTHROPIC_API_KEY: 'sk-a', ANTHROPIC_BASE_URL: 'http://proxy/v1' })).toMatchObject({
      provider: 'anthropic',
      baseUrl: 'http://proxy/v1',
      model: DEFAULT_MODELS.anthropic,
    });
    expect(selectLlm({ LLM_MODEL: 'tiny' })).toBeNull();
    expect(selectLlm({})).toBeNull();
  });
});

describe('@ai-sdk/openai against a server speaking OpenAI’s Chat Completions', () => {
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  beforeAll(async () => {
    llm = await fakeLlm([{ text: 'hello from openai', usage: { prompt: 9, completion: 3 } }]);
  });
  afterAll(() => llm?.close());

  it('streams a completion with usage, sending the key as a bearer token', async () => {
    const client = new LlmClient({
      provider: 'openai',
      baseUrl: `${llm.url}/v1`,
      apiKey: LLM_KEY,
      model: 'gpt-4o-mini',
      timeoutMs: 5_000,
    });
    const deltas: string[] = [];
    const r = await client.generate({ system: 'be brief', prompt: 'greet', onText: (d) => deltas.push(d) });
    expect(r).toMatchObject({ text: 'hello from openai', model: 'gpt-4o-mini', finishReason: 'stop' });
    expect(r.usage).toEqual({ inputTokens: 9, outputTokens: 3 });
    expect(deltas).toEqual(['hello ', 'from ', 'openai']);
    expect(llm.requests[0]).toMatchObject({ model: 'gpt-4o-mini', stream: true });
    expect(llm.requests[0].messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'greet' },
    ]);
  });
});

describe('@ai-sdk/anthropic against a server speaking Anthropic’s Messages API', () => {
  let api: Awaited<ReturnType<typeof fakeAnthropic>>;
  const client = () =>
    new LlmClient({
      provider: 'anthropic',
      baseUrl: `${api.url}/v1`,
      apiKey: ANTHROPIC_KEY,
      model: 'claude-test',
      timeoutMs: 5_000,
      maxRetries: 0,
    });
  beforeAll(async () => {
    api = await fakeAnthropic();
  });
  afterAll(() => api?.close());

  it('streams a completion with usage, with Anthropic’s headers and request shape', async () => {
    api.script([{ text: 'hello from claude', usage: { input: 21, output: 4 } }]);
    const deltas: string[] = [];
    const r = await client().generate({
      system: 'be brief',
      prompt: 'greet',
      maxTokens: 100,
      onText: (d) => deltas.push(d),
    });
    expect(r).toMatchObject({ text: 'hello from claude', model: 'claude-test', finishReason: 'stop' });
    expect(r.usage).toEqual({ inputTokens: 21, outputTokens: 4 });
    expect(deltas.join('')).toBe('hello from claude');
    expect(api.requests[0]).toMatchObject({ model: 'claude-test', stream: true, max_tokens: 100 });
    expect(JSON.stringify(api.requests[0].system)).toContain('be brief');
    expect(api.requests[0].messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'greet' }] }]);
    expect(api.headers[0]['anthropic-version']).toEqual(expect.any(String));
  });

  it('runs a tool loop: a tool_use block, its result sent back, then the answer', async () => {
    api.script([{ toolUse: { name: 'lookup', input: { q: 'solar' } } }, { text: 'solar is bright' }]);
    const seen: unknown[] = [];
    const r = await client().generate({
      system: 's',
      prompt: 'look it up',
      maxSteps: 3,
      tools: {
        lookup: tool({
          description: 'looks a word up',
          inputSchema: z.object({ q: z.string() }),
          execute: async (input) => {
            seen.push(input);
            return { answer: 'bright' };
          },
        }),
      },
    });
    expect(seen).toEqual([{ q: 'solar' }]);
    expect(r.text).toBe('solar is bright');
    expect(api.requests[0].tools?.map((t) => t.name)).toEqual(['lookup']);
    expect(JSON.stringify(api.requests[1].messages)).toContain('"tool_result"');
  });

  it('reports the API’s refusal with its status and message', async () => {
    const bad = new LlmClient({
      provider: 'anthropic',
      baseUrl: `${api.url}/v1`,
      apiKey: 'wrong',
      model: 'claude-test',
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    await expect(bad.generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      'the language model answered HTTP 401: invalid x-api-key',
    );
  });
});
