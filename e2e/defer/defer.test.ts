import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const MULTIPART = 'multipart/mixed;deferSpec=20220824,application/json';

/** The dashboard's Tasks page query, as its build listed it (the agent counts deferred). */
function agentsDocumentId(): string {
  const path = new URL('../../client/src/gql/persisted-documents.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const entry = Object.entries(manifest).find(([, document]) => /\bquery TasksPageAgents\b/.test(document));
  if (!entry) throw new Error('the dashboard lists no TasksPageAgents query');
  return entry[0].replace(/^sha256:/, '');
}

interface Part {
  data?: { agents: Record<string, unknown>[] };
  incremental?: { data: Record<string, unknown>; path: (string | number)[] }[];
  hasNext?: boolean;
}

/** The whole multipart answer, each part's JSON in order. */
function parts(text: string): Part[] {
  return text
    .split('\r\n---')
    .map((chunk) => chunk.split('\r\n\r\n')[1])
    .filter((json): json is string => Boolean(json?.trim()))
    .map((json) => JSON.parse(json) as Part);
}

describe('e2e @defer: the dashboard’s deferred agent counts through the real gateway and tasks', () => {
  let p: Platform;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    [p, browser] = await Promise.all([bootPlatform('defer'), launchChromium()]);
    token = await p.login();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('sends the agents first and their counts after, merging into the answer without @defer', async () => {
    const body = JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: agentsDocumentId() } },
    });
    const post = (accept: string) =>
      fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` },
        body,
      });

    const streamed = await post(MULTIPART);
    const whole = await post('application/json');

    expect(streamed.headers.get('content-type')).toBe('multipart/mixed; boundary="-"; deferSpec=20220824');
    const [first, ...rest] = parts(await streamed.text());
    const expected = (await whole.json()) as { data: { agents: Record<string, unknown>[] } };
    expect(expected.data.agents.length).toBeGreaterThan(0);
    expect(first?.hasNext).toBe(true);
    expect(first?.data?.agents.every((a) => !('stats' in a))).toBe(true);
    const merged = structuredClone(first?.data) as { agents: Record<string, unknown>[] };
    for (const item of rest.flatMap((r) => r.incremental ?? [])) {
      expect(item.path.slice(0, 1)).toEqual(['agents']);
      Object.assign(merged.agents[item.path[1] as number] as object, item.data);
    }
    expect(rest.at(-1)?.hasNext).toBe(false);
    expect(merged).toEqual(expected.data);
  });

  it('shows the agent cards on the Tasks page, then their counts, with no console error', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.goto(`${p.url}/tasks`);

    const agents = page.getByRole('region', { name: 'Agents' });
    await agents
      .getByText(/\d+ total, \d+ running, \d+ waiting/)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await agents.getByText('Counting tasks…').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
