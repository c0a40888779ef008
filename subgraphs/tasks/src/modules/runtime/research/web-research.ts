import { FetchError } from '@trae/kit';
import { parse } from 'node-html-parser';
import type { z } from 'zod';
import { type AgentContext, PermanentTaskError } from '../agent.js';
import { keywords, summarize, wordCount } from '../text.js';
import type { webResearchInput } from './research.schema.js';

type Input = z.infer<typeof webResearchInput>;

export interface PageDigest {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  title: string | null;
  description: string | null;
  text: string;
  summary: string[];
  words: number;
  links: { url: string; text: string }[];
  keywords: { term: string; score: number; count: number }[];
  truncated: boolean;
}

const NOISE = 'script, style, noscript, template, svg, nav, footer, header, aside, form, iframe, button';
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dd, dt, figcaption';
const MAX_TEXT = 20_000;

/** Title, readable text, links and keywords of one HTML document. */
export function digestHtml(html: string, baseUrl: string, maxLinks: number, keywordCount: number) {
  const root = parse(html, { comment: false });
  const meta = (name: string) =>
    root.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ??
    root.querySelector(`meta[property="og:${name}"]`)?.getAttribute('content') ??
    null;
  const title =
    clean(root.querySelector('title')?.text ?? '') ||
    meta('title') ||
    clean(root.querySelector('h1')?.text ?? '') ||
    null;
  const links = new Map<string, string>();
  for (const a of root.querySelectorAll('a[href]')) {
    if (links.size >= maxLinks) break;
    try {
      const href = new URL(a.getAttribute('href') ?? '', baseUrl);
      href.hash = '';
      if ((href.protocol === 'http:' || href.protocol === 'https:') && !links.has(href.toString())) {
        links.set(href.toString(), clean(a.text).slice(0, 200));
      }
    } catch {
      // A malformed href is the page's problem, not ours.
    }
  }
  for (const node of root.querySelectorAll(NOISE)) node.remove();
  const main =
    root.querySelector('article') ?? root.querySelector('main') ?? root.querySelector('body') ?? root;
  const blocks = main
    .querySelectorAll(BLOCKS)
    .map((b) => clean(b.text))
    .filter((t) => t.length > 1);
  const text = (blocks.length ? blocks.join('\n') : clean(main.text)).slice(0, MAX_TEXT);
  return {
    title,
    description: meta('description'),
    text,
    links: [...links].map(([url, linkText]) => ({ url, text: linkText })),
    keywords: keywords([text], keywordCount),
  };
}

export async function webResearch(input: Input, ctx: AgentContext) {
  const pages: PageDigest[] = [];
  const failed: { url: string; error: string }[] = [];
  let permanentFailures = 0;
  for (const [i, url] of input.urls.entries()) {
    ctx.signal.throwIfAborted();
    try {
      const page = await ctx.http.get(url, {
        signal: ctx.signal,
        maxBytes: input.maxBytes,
        timeoutMs: input.timeoutMs,
      });
      if (page.status >= 400) {
        if (page.status < 500) permanentFailures++;
        throw new FetchError(`HTTP ${page.status}`);
      }
      const type = page.contentType.split(';')[0].trim().toLowerCase();
      const body = page.body.toString('utf8');
      let digest: Omit<
        PageDigest,
        'url' | 'finalUrl' | 'status' | 'contentType' | 'summary' | 'words' | 'truncated'
      >;
      if (type === 'text/html' || type === 'application/xhtml+xml') {
        digest = digestHtml(body, page.url, input.maxLinks, input.keywords);
      } else if (type.startsWith('text/') || type === 'application/json') {
        const text = body.slice(0, MAX_TEXT);
        digest = {
          title: null,
          description: null,
          text,
          links: [],
          keywords: keywords([text], input.keywords),
        };
      } else {
        permanentFailures++;
        throw new FetchError(`unsupported content type ${type || '(none)'}`);
      }
      pages.push({
        url,
        finalUrl: page.url,
        status: page.status,
        contentType: type,
        ...digest,
        summary: summarize(digest.text, 3),
        words: wordCount(digest.text),
        truncated: page.truncated,
      });
      ctx.log('INFO', `fetched ${url}`, {
        status: page.status,
        bytes: page.body.length,
        truncated: page.truncated,
      });
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const message = (err as Error).message;
      if (/refused|only http/.test(message)) permanentFailures++;
      failed.push({ url, error: message });
      ctx.log('WARN', `could not fetch ${url}: ${message}`);
    }
    ctx.progress(Math.round(((i + 1) / input.urls.length) * 100), `fetched ${i + 1} of ${input.urls.length}`);
  }
  if (pages.length === 0) {
    const summary = failed.map((f) => `${f.url}: ${f.error}`).join('; ');
    // Refusals and 4xx answers will not change on a retry; timeouts and 5xx may.
    if (permanentFailures === input.urls.length)
      throw new PermanentTaskError(`no page could be fetched (${summary})`);
    throw new Error(`no page could be fetched (${summary})`);
  }
  return {
    pages,
    failed,
    keywords: keywords(
      pages.map((p) => p.text),
      input.keywords,
    ),
  };
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
