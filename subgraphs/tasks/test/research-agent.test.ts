import { isPublicAddress, SafeHttp } from '@trae/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentTaskError } from '../src/modules/runtime/agent.js';
import { researchAgent } from '../src/modules/runtime/research/research.agent.js';
import { agentContext, task } from './support/agent-context.js';
import { fakeFiles } from './support/fakes.js';
import { fixtureWeb } from './support/web.js';

type Page = {
  title: string;
  description: string;
  text: string;
  links: { url: string }[];
  keywords: { term: string }[];
  finalUrl: string;
  truncated: boolean;
  words: number;
};
type WebResult = { pages: Page[]; failed: { url: string; error: string }[]; keywords: { term: string }[] };

describe('research agent', () => {
  let web: Awaited<ReturnType<typeof fixtureWeb>>;
  let files: Awaited<ReturnType<typeof fakeFiles>>;
  const owner = task('x', {}).createdBy!;

  beforeAll(async () => {
    [web, files] = await Promise.all([fixtureWeb(), fakeFiles()]);
  });
  afterAll(async () => {
    await Promise.all([web?.close(), files?.close()]);
  });

  const research = (
    input: Record<string, unknown>,
    type = 'web_research',
    ctx = agentContext({ filesUrl: files.url }),
  ) => researchAgent.run(task(type, input), ctx.ctx);

  it('extracts title, readable text, links and keywords from HTML', async () => {
    const { ctx, progress } = agentContext();
    const result = (await researchAgent.run(
      task('web_research', { urls: [`${web.url}/article`, `${web.url}/gzip`] }),
      ctx,
    )) as WebResult;
    const [page, gzipped] = result.pages;
    expect(page.title).toBe('Solar Storage Explained');
    expect(page.description).toBe('How home batteries store solar energy.');
    expect(page.text).toContain('Home batteries store solar energy during the day');
    expect(page.text).not.toMatch(/tracking|menu noise|footer noise/);
    expect(page.links.map((l) => l.url)).toEqual([
      `${web.url}/`,
      `${web.url}/guide`,
      'https://example.org/faq',
    ]);
    expect(page.keywords.slice(0, 3).map((k) => k.term)).toEqual(
      expect.arrayContaining(['solar', 'batteries']),
    );
    expect(gzipped.title).toBe(page.title);
    expect(result.keywords[0].term).toMatch(/solar|batteries/);
    expect(progress.at(-1)?.percent).toBe(100);
  });

  it('follows redirects, reads plain text, caps sizes and reports what failed', async () => {
    const result = (await research({
      urls: [
        `${web.url}/redirect`,
        `${web.url}/notes.txt`,
        `${web.url}/big`,
        `${web.url}/image.png`,
        `${web.url}/missing`,
      ],
      maxBytes: 1024,
    })) as WebResult;
    expect(result.pages.map((p) => p.finalUrl)).toEqual([
      `${web.url}/article`,
      `${web.url}/notes.txt`,
      `${web.url}/big`,
    ]);
    expect(result.pages[1].text).toContain('wind turbines');
    expect(result.pages[2]).toMatchObject({ truncated: true, words: 205 });
    expect(result.failed).toEqual([
      { url: `${web.url}/image.png`, error: 'unsupported content type image/png' },
      { url: `${web.url}/missing`, error: 'HTTP 404' },
    ]);
  });

  it('fails permanently when nothing can be fetched for good, and retryably on timeouts', async () => {
    await expect(research({ urls: [`${web.url}/missing`] })).rejects.toBeInstanceOf(PermanentTaskError);
    const started = Date.now();
    const timeout = research({ urls: [`${web.url}/slow`], timeoutMs: 300 });
    await expect(timeout).rejects.toThrow(/timed out or cancelled/);
    await expect(timeout).rejects.not.toBeInstanceOf(PermanentTaskError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses loopback, private and link-local addresses unless allowed', async () => {
    const strict = new SafeHttp({ allowPrivate: false, maxBytes: 1024, timeoutMs: 2_000 });
    await expect(strict.get(`${web.url}/article`)).rejects.toThrow(
      /refused, 127\.0\.0\.1 is not a public address/,
    );
    const port = new URL(web.url).port;
    await expect(strict.get(`http://localhost:${port}/article`)).rejects.toThrow(
      /refused, localhost resolves to/,
    );
    await expect(strict.get(`http://[::1]:${port}/article`)).rejects.toThrow(/refused/);
    for (const ip of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      expect(isPublicAddress(ip), ip).toBe(true);
    expect(web.hits.get('/article')).toBeGreaterThan(0);
    const before = web.hits.get('/article');
    await expect(strict.get(`${web.url}/article`)).rejects.toThrow();
    expect(web.hits.get('/article')).toBe(before);
  });

  it('profiles a CSV file read on behalf of the task creator', async () => {
    files.files.set('10000000-0000-4000-8000-000000000001', {
      owner,
      name: 'members.csv',
      contentType: 'text/csv',
      body: 'name,age,score,joined,active,city\nAda,36,9.5,2024-01-05,true,London\nBo,29,7,2024-02-11,false,Paris\nCy,,8.25,2024-03-20,true,London\nDee,41,6.5,,true,\n',
    });
    const r = (await research({ fileId: '10000000-0000-4000-8000-000000000001' }, 'data_analysis')) as {
      rowCount: number;
      format: string;
      columns: Record<string, unknown>[];
    };
    expect(r).toMatchObject({ rowCount: 4, format: 'csv' });
    const col = (name: string) => r.columns.find((c) => c.name === name);
    expect(col('age')).toMatchObject({
      type: 'integer',
      missing: 1,
      count: 3,
      min: 29,
      max: 41,
      mean: 35.333333,
      median: 36,
      stddev: 6.027714,
    });
    expect(col('score')).toMatchObject({ type: 'number', min: 6.5, max: 9.5, median: 7.625 });
    expect(col('joined')).toMatchObject({ type: 'date', missing: 1, min: '2024-01-05T00:00:00.000Z' });
    expect(col('active')).toMatchObject({
      type: 'boolean',
      topValues: [
        { value: 'true', count: 3 },
        { value: 'false', count: 1 },
      ],
    });
    expect(col('city')).toMatchObject({
      type: 'string',
      missing: 1,
      distinct: 2,
      topValues: [
        { value: 'London', count: 2 },
        { value: 'Paris', count: 1 },
      ],
    });
  });

  it('profiles JSON, and cannot read files its creator may not', async () => {
    files.files.set('10000000-0000-4000-8000-000000000002', {
      owner,
      name: 'sales.json',
      contentType: 'application/json',
      body: JSON.stringify({
        data: [
          { region: 'north', total: 10 },
          { region: 'south', total: 30, note: 'late' },
          { region: 'north', total: 20 },
        ],
      }),
    });
    const r = (await research({ fileId: '10000000-0000-4000-8000-000000000002' }, 'data_analysis')) as {
      rowCount: number;
      columns: Record<string, unknown>[];
    };
    expect(r.rowCount).toBe(3);
    expect(r.columns.find((c) => c.name === 'total')).toMatchObject({
      type: 'integer',
      mean: 20,
      stddev: 10,
    });
    expect(r.columns.find((c) => c.name === 'note')).toMatchObject({ missing: 2, count: 1 });

    const stranger = agentContext({ filesUrl: files.url });
    const foreign = task(
      'data_analysis',
      { fileId: '10000000-0000-4000-8000-000000000002' },
      { createdBy: '00000000-0000-4000-8000-0000000000bb' },
    );
    await expect(researchAgent.run(foreign, stranger.ctx)).rejects.toThrow(/not found or is not readable/);
    const asAdmin = { ...foreign, createdByRole: 'ADMIN' };
    expect(((await researchAgent.run(asAdmin, stranger.ctx)) as { rowCount: number }).rowCount).toBe(3);
  });

  it('extracts keywords and key phrases from texts', async () => {
    const r = (await research(
      {
        texts: [
          'Renewable energy storage helps balance the grid. Energy storage systems smooth peaks.',
          'Grid operators value energy storage systems because renewable energy is variable.',
        ],
        keywords: 5,
        phrases: 3,
      },
      'content_research',
    )) as { keywords: { term: string }[]; phrases: { phrase: string }[]; texts: { words: number }[] };
    expect(r.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(['energy', 'storage']));
    expect(r.phrases.map((p) => p.phrase)).toContain('energy storage systems');
    expect(r.texts.map((t) => t.words)).toEqual([12, 11]);
  });
});
