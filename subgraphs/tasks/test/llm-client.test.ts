import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmClient } from '../src/modules/runtime/llm-client.js';
import { fakeLlm, LLM_KEY } from './support/fake-llm.js';

describe('LlmClient on the AI SDK against an OpenAI-compatible server', () => {
  let llm: Awaited<ReturnType<typeof fakeLlm>>;
  const client = (extra: Partial<ConstructorParameters<typeof LlmClient>[0]> = {}) =>
    new LlmClient({ baseUrl: `${llm.url}/v1/`, model: 'tiny', apiKey: LLM_KEY, timeoutMs: 5_000, ...extra });

  beforeAll(async () => {
    llm = await fakeLlm();
  });
  afterAll(() => llm?.close());

  it('streams text in order, reports usage and the model, and sends the request an OpenAI server expects', async () => {
    llm.script([{ text: 'one two three four', usage: { prompt: 12, completion: 4 } }]);
    const deltas: string[] = [];
    const r = await client().generate({
      system: 'be brief',
      prompt: 'count',
      temperature: 0.3,
      maxTokens: 64,
      onText: (d) => deltas.push(d),
    });
    expect(r).toMatchObject({ text: 'one two three four', model: 'tiny', finishReason: 'stop', calls: 1 });
    expect(r.usage).toEqual({ inputTokens: 12, outputTokens: 4 });
    expect(deltas.join('')).toBe('one two three four');
    expect(deltas.length).toBe(4);
    const sent = llm.requests[0];
    expect(sent).toMatchObject({ model: 'tiny', stream: true, temperature: 0.3, max_tokens: 64 });
    expect(sent.messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'count' },
    ]);
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    llm.script([{ status: 429, retryAfter: 1, error: 'slow down' }, { text: 'finally' }]);
    const t0 = Date.now();
    const r = await client().generate({ system: 's', prompt: 'p' });
    expect(r.text).toBe('finally');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(llm.requests).toHaveLength(2);
  });

  it('turns HTTP errors, a wrong key and an unreachable server into clear task errors', async () => {
    llm.script([{ status: 400, error: 'model not found' }]);
    await expect(client().generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      'the language model answered HTTP 400: model not found',
    );
    await expect(client({ apiKey: 'nope' }).generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      /answered HTTP 401: bad key/,
    );
    await expect(
      client({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 }).generate({ system: 's', prompt: 'p' }),
    ).rejects.toThrow(/unreachable/);
    // 5xx is retried (twice by default), then reported.
    llm.script([{ status: 503, error: 'overloaded', retryAfter: 0 }]);
    await expect(client().generate({ system: 's', prompt: 'p' })).rejects.toThrow(/HTTP 503: overloaded/);
    expect(llm.requests).toHaveLength(3);
  });

  it('gives up on a slow model at its timeout, and a cancel aborts the stream mid-answer', async () => {
    llm.script([{ text: 'late', delayMs: 2_000 }]);
    await expect(client({ timeoutMs: 300 }).generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      /timed out or the task was cancelled/,
    );

    llm.script([{ text: 'word '.repeat(500), tokenDelayMs: 5 }]);
    const controller = new AbortController();
    let seen = '';
    const run = client().generate({
      system: 's',
      prompt: 'p',
      signal: controller.signal,
      onText: (_d, soFar) => {
        seen = soFar;
        if (soFar.length > 50) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(seen.length).toBeLessThan(200);
    await expect.poll(() => llm.aborted()).toBeGreaterThanOrEqual(1);
  });
});
