import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentAgent } from '../src/modules/runtime/content/content.agent.js';
import { fitPost } from '../src/modules/runtime/content/fit.js';
import { LlmClient } from '../src/modules/runtime/llm-client.js';
import { agentContext, task } from './support/agent-context.js';
import { type ChatRequest, fakeLlm } from './support/fake-llm.js';

type Post = { text: string; characters: number; hashtags: string[] };
type Social = {
  model?: string;
  platform: string;
  maxChars: number;
  posts: Post[];
};

const SOURCE =
  'Heat pumps move heat instead of burning fuel, so they use far less energy. A heat pump can cut heating bills by a third in a well insulated home. Installers recommend sizing the heat pump to the house, not to the coldest day of the decade.';

const POSTS = {
  posts: [
    {
      text: 'Heat pumps cut bills by a third. Worth a look this winter. #HeatPumps',
      hashtags: ['#HeatPumps'],
    },
    { text: 'Size the pump to the house, not the coldest day. #Energy', hashtags: ['#Energy'] },
  ],
};
const ARTICLE = {
  title: 'Heat pumps, plainly',
  body: '# Heat pumps, plainly\n\nHeat pumps move heat rather than make it.\n\n## Why it matters\n\nLower bills.',
  hashtags: ['#HeatPumps'],
};
const MODEL_ANSWERS = (req: ChatRequest) => ({
  usage: { prompt: 42, completion: 17 },
  text: JSON.stringify(String(req.messages.at(-1)?.content).includes('distinct') ? POSTS : ARTICLE),
});

describe('content agent', () => {
  let llm: Awaited<ReturnType<typeof fakeLlm>>;

  beforeAll(async () => {
    llm = await fakeLlm(MODEL_ANSWERS);
  });
  afterAll(() => llm?.close());

  it('drafts platform-aware posts with the template engine when no model is configured, and says so', async () => {
    const { ctx, mode } = agentContext();
    const input = {
      topic: 'heat pumps',
      platform: 'twitter',
      count: 3,
      sourceText: SOURCE,
      link: 'https://example.org/heat',
    };
    const r = (await contentAgent.run(task('social_media_posts', input), ctx)) as Social;
    expect(r).toMatchObject({ platform: 'twitter', maxChars: 280 });
    expect(mode()).toBe('TEMPLATE');
    expect(JSON.stringify(r)).not.toMatch(/language model|template/i);
    expect(r.posts).toHaveLength(3);
    expect(new Set(r.posts.map((p) => p.text)).size).toBe(3);
    for (const post of r.posts) {
      expect(post.characters).toBeLessThanOrEqual(280);
      expect(post.text).toContain('https://example.org/heat');
      expect(post.hashtags.length).toBeGreaterThanOrEqual(1);
      expect(post.text).toMatch(/#Heat|#Pump/);
    }
    const linkedin = (await contentAgent.run(
      task('social_media_posts', { topic: 'heat pumps', platform: 'LinkedIn', sourceText: SOURCE, count: 1 }),
      ctx,
    )) as Social;
    expect(linkedin.maxChars).toBe(3000);
    expect(linkedin.posts[0].text).toMatch(/\n• /);
    expect(linkedin.posts[0].hashtags).toHaveLength(3);
  });

  it('writes articles near the requested length and timed scripts, from templates', async () => {
    const { ctx } = agentContext({ configuration: { tone: 'professional' } });
    const article = (await contentAgent.run(
      task('content_generation', { topic: 'heat pumps', words: 300, sourceText: SOURCE }),
      ctx,
    )) as {
      title: string;
      body: string;
      words: number;
    };
    expect(article.title).toBe('Heat pumps: A Practical Guide');
    expect(article.body).toMatch(/^# Heat pumps: A Practical Guide\n\n/);
    expect(article.body.match(/^## /gm)!.length).toBeGreaterThanOrEqual(3);
    expect(article.words).toBeGreaterThan(180);
    expect(article.words).toBeLessThan(600);

    const script = (await contentAgent.run(
      task('script_writing', { topic: 'heat pumps', durationSeconds: 90, format: 'tiktok' }),
      ctx,
    )) as {
      scenes: { start: string; end: string; title: string }[];
      script: string;
    };
    expect(script.scenes[0]).toMatchObject({ start: '00:00', title: 'Hook' });
    expect(script.scenes.at(-1)).toMatchObject({ end: '01:30', title: 'Call to action' });
    expect(script.script).toContain('VOICE:');
  });

  it('uses research results handed down from child tasks', async () => {
    const { ctx } = agentContext({
      childResults: [
        {
          taskId: 'c1',
          agent: 'research',
          type: 'content_research',
          result: { keywords: [{ term: 'geothermal' }], phrases: [{ phrase: 'ground source' }], texts: [] },
        },
      ],
    });
    const r = (await contentAgent.run(
      task('social_media_posts', { topic: 'home heating', platform: 'instagram', count: 1 }),
      ctx,
    )) as Social;
    expect(r.posts[0].hashtags).toEqual(expect.arrayContaining(['#Geothermal', '#GroundSource']));
  });

  it('streams from an OpenAI-compatible server, as output and progress', async () => {
    const client = new LlmClient({
      baseUrl: `${llm.url}/v1`,
      model: 'tiny-test',
      apiKey: 'test-llm-key',
      timeoutMs: 5_000,
    });
    const { ctx, progress, output, mode } = agentContext({
      llm: client,
      configuration: { temperature: 0.2 },
    });
    const r = (await contentAgent.run(
      task('social_media_posts', { topic: 'heat pumps', platform: 'x', count: 2 }),
      ctx,
    )) as Social;
    expect(r).toMatchObject({ model: 'tiny-test', platform: 'x' });
    expect(r.posts.map((p) => p.text)).toEqual([
      'Heat pumps cut bills by a third. Worth a look this winter. #HeatPumps',
      'Size the pump to the house, not the coldest day. #Energy',
    ]);
    expect(r.posts[0].hashtags).toEqual(['#HeatPumps']);
    expect(mode()).toBe('MODEL');
    expect(output.length).toBeGreaterThan(10);
    expect(output.join('')).toMatch(/^\{"posts".*Size the pump to the house/s);
    const streamed = progress.filter((p) => p.message?.startsWith('writing: '));
    expect(streamed.length).toBe(output.length);
    expect(streamed.at(-1)!.message).toBe(`writing: ${output.join('').length} characters`);
    const sent = llm.requests.at(-1)!;
    expect(sent).toMatchObject({ model: 'tiny-test', stream: true, temperature: 0.2 });
    // The shape goes to the server as a JSON schema (structured output), not only in the prompt.
    expect(sent.response_format).toMatchObject({ type: 'json_schema' });
    expect(JSON.stringify(sent.response_format?.json_schema?.schema)).toContain('hashtags');
    expect(sent.messages[1].content).toContain('at most 280 characters');

    const article = (await contentAgent.run(task('content_generation', { topic: 'heat pumps' }), ctx)) as {
      title: string;
    };
    expect(article).toMatchObject(ARTICLE);
  });

  it('sends an answer of the wrong shape back once with the reason, then fails the task clearly', async () => {
    const client = new LlmClient({
      baseUrl: `${llm.url}/v1`,
      model: 'm',
      apiKey: 'test-llm-key',
      timeoutMs: 5_000,
    });
    llm.script([{ text: '{"title": "No body"}' }, { text: JSON.stringify(ARTICLE) }]);
    const fixed = (await contentAgent.run(
      task('content_generation', { topic: 'heat pumps' }),
      agentContext({ llm: client }).ctx,
    )) as { title: string };
    expect(fixed.title).toBe('Heat pumps, plainly');
    expect(llm.requests).toHaveLength(2);
    const retry = llm.requests[1].messages;
    expect(retry.at(-2)).toMatchObject({ role: 'assistant', content: '{"title": "No body"}' });
    expect(retry.at(-1)?.content).toMatch(/rejected: .*body/);

    llm.script([{ text: 'not json at all' }, { text: '{"posts": []}' }]);
    await expect(
      contentAgent.run(task('social_media_posts', { topic: 'x' }), agentContext({ llm: client }).ctx),
    ).rejects.toThrow(/did not have the expected shape: posts: .*1/);
    expect(llm.requests).toHaveLength(2);
    llm.script(MODEL_ANSWERS);
  });

  it('refuses a length the templates cannot write instead of returning a fraction of it', async () => {
    const { ctx } = agentContext();
    await expect(
      contentAgent.run(task('content_generation', { topic: 'heat pumps', words: 1500 }), ctx),
    ).rejects.toThrow(/template engine can write about \d+ words from this brief, not the 1500 asked for/);
    await expect(
      contentAgent.run(task('script_writing', { topic: 'heat pumps', durationSeconds: 3600 }), ctx),
    ).rejects.toThrow(/spoken words/);
  });

  it('turns model errors into task errors', async () => {
    const wrongKey = new LlmClient({
      baseUrl: `${llm.url}/v1`,
      model: 'm',
      apiKey: 'nope',
      timeoutMs: 2_000,
    });
    await expect(
      contentAgent.run(task('content_generation', { topic: 'x' }), agentContext({ llm: wrongKey }).ctx),
    ).rejects.toThrow(/answered HTTP 401: .*bad key/);
    const nowhere = new LlmClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    await expect(
      contentAgent.run(task('content_generation', { topic: 'x' }), agentContext({ llm: nowhere }).ctx),
    ).rejects.toThrow(/unreachable/);
  });

  it('fits posts to a limit without breaking words, link or hashtags', () => {
    const fitted = fitPost('word '.repeat(100).trim(), 80, ['#One', '#Two'], 'https://x.test/a');
    expect([...fitted].length).toBeLessThanOrEqual(80);
    expect(fitted).toMatch(/word…\n\nhttps:\/\/x\.test\/a\n#One #Two$/);
  });
});
