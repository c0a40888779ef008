import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const CREATE_MANY = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
const EXECUTE = 'mutation ($i: ExecuteAgentTaskInput!) { executeAgentTask(input: $i) { id status } }';

describe('e2e Tasks page in Chromium: 120 tasks, paged with a filter, a result rendered, bulk cancel', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [p, browser] = await Promise.all([bootPlatform('tasks-dashboard'), launchChromium()]);
    const token = await p.login();
    const noop = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ agent: 'system', type: 'noop', input: { echo: `row ${i}` } }));
    for (const batch of [noop(100), noop(19)]) {
      const r = await p.gql(CREATE_MANY, { i: batch }, token);
      expect(r.errors).toBeUndefined();
    }
    const draft = await p.gql<{ executeAgentTask: { status: string } }>(
      EXECUTE,
      { i: { agent: 'content', type: 'content_generation', input: { topic: 'heat pumps', words: 120 } } },
      token,
    );
    expect(draft.data?.executeAgentTask.status).toBe('SUCCEEDED');
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('pages past 100 rows from the server as the list scrolls, with the agent filter in the URL', async () => {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.goto(`${p.url}/tasks`);
    await page.getByRole('heading', { name: /Tasks \(50 of 120\)/ }).waitFor();

    await page.getByRole('combobox', { name: 'Run by' }).selectOption('system');
    await page.getByRole('heading', { name: /Tasks \(50 of 119\)/ }).waitFor();
    const list = page.getByRole('region', { name: 'Tasks, newest first' });
    // Each scroll to the bottom asks the server for the next page, until all 119 are in.
    await expect
      .poll(
        async () => {
          await list.evaluate((el) => {
            el.scrollTop = el.scrollHeight;
          });
          return page.getByRole('heading', { name: /Tasks \(\d+ of 119\)/ }).textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('119 of 119');

    expect(new URL(page.url()).searchParams.get('agent')).toBe('system');
    // The last page may land after the last scroll: scroll once more and read which rows are drawn.
    const drawn = () =>
      list.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
        return [...el.querySelectorAll('li')].map((r) => Number(r.getAttribute('aria-posinset')));
      });
    await expect.poll(async () => Math.max(...(await drawn())), { timeout: 5_000 }).toBe(119);
    const positions = await drawn();
    // Only the rows in view are in the DOM, not all 119.
    expect(positions.length).toBeLessThan(60);
  });

  it('opens a content task and shows its markdown rendered, the raw JSON a click away', async () => {
    await page.getByRole('combobox', { name: 'Run by' }).selectOption('content');
    await page.getByRole('heading', { name: /Tasks \(1 of 1\)/ }).waitFor();
    await page.getByRole('link', { name: 'Content generation' }).click();

    await page.getByRole('heading', { name: 'Key takeaways', level: 2 }).waitFor();
    expect(await page.locator('.markdown script').count()).toBe(0);
    await page.getByRole('button', { name: 'Show raw JSON' }).click();
    const raw = page.getByRole('region', { name: 'Raw result JSON' });
    expect(await raw.textContent()).toContain('"body"');
    // A long result scrolls inside its box; the page itself never grows wider than the window.
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(1280);
  });
  it("draws a pipeline's steps as a graph, on its page and on each step's", async () => {
    const token = await p.login();
    const step = (echo: string) => ({ agent: 'system', type: 'noop', input: { echo, sleepMs: 1_500 } });
    const created = await p.gql<{ createTask: { id: string } }>(
      'mutation ($i: CreateTaskInput!) { createTask(input: $i) { id } }',
      { i: { ...step('pipeline'), children: [step('one'), step('two')] } },
      token,
    );
    expect(created.errors).toBeUndefined();

    await page.goto(`${p.url}/tasks/${created.data?.createTask.id}`);
    const graph = page.getByRole('region', { name: 'Pipeline' });
    await graph.getByRole('link', { name: /^Step 2: Noop by system/ }).waitFor();
    // The steps, then the pipeline, end a few seconds after it was created (each sleeps): the nodes follow
    // through their taskUpdated subscriptions, not a reload.
    await graph
      .getByRole('link', { name: 'Pipeline: Noop by system, succeeded' })
      .waitFor({ timeout: 30_000 });
    expect(await graph.getByRole('link', { name: /^Step \d: Noop by system, succeeded$/ }).count()).toBe(2);
    expect(await page.getByRole('log', { name: 'Task log' }).count()).toBe(1);

    await graph.getByRole('link', { name: /^Step 1:/ }).click();
    await page
      .getByRole('region', { name: 'Pipeline' })
      .getByRole('link', { name: /^Pipeline: Noop/ })
      .waitFor();
  });

  it('cancels selected tasks in bulk, each through cancelTask', async () => {
    const token = await p.login();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const inputs = [0, 1, 2].map((i) => ({
      agent: 'system',
      type: 'noop',
      runAt: later,
      input: { echo: `later ${i}` },
    }));
    expect((await p.gql(CREATE_MANY, { i: inputs }, token)).errors).toBeUndefined();

    await page.goto(`${p.url}/tasks?search=later`);
    await page.getByRole('heading', { name: /Tasks \(3 of 3\)/ }).waitFor();
    for (const box of await page.getByRole('checkbox', { name: /^Select Noop/ }).all()) await box.check();
    await page.getByRole('button', { name: 'Cancel 3' }).click();

    await page.getByText('Cancelled 3 of 3.').waitFor();
    await expect.poll(() => page.locator('.task-row .badge', { hasText: 'cancelled' }).count()).toBe(3);
  });
});
