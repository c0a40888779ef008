import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, LogShipper } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

// Services inherit this process's environment: ship logs (vitest would turn it off) and scrape often.
Object.assign(process.env, { LOG_SHIPPING: 'true', SCRAPE_INTERVAL_MS: '1000', HEALTH_INTERVAL_MS: '2000' });

const OUTPUT = new URL('../output/dashboard/', import.meta.url).pathname;
const PASSWORD = 'dashboard password 1';

describe('e2e dashboard in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let storage: string;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  /** Console errors and CSP refusals from every page; the app must cause none. */
  const problems: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    return page;
  }

  async function register(page: Page, username: string) {
    await page.goto(`${p.url}/register`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@e2e.test`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  }

  async function login(page: Page, user: string, password: string) {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  }

  /** The heading is there, nothing is loading, axe finds nothing serious, and a screenshot is kept. */
  async function check(page: Page, name: string, theme: 'light' | 'dark') {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
    expect(await seriousA11yViolations(page), `${name} (${theme})`).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, `${name}-${theme}.png`), fullPage: true });
  }

  async function setTheme(page: Page, theme: 'light' | 'dark') {
    await page.evaluate(`localStorage.setItem('trae.theme', '${theme}')`);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'trae-e2e-dashboard-'));
    process.env.FILES_DIR = storage;
    await mkdir(OUTPUT, { recursive: true });
    [p, browser] = await Promise.all([bootPlatform('dashboard'), launchChromium()]);
  });
  // A failed step leaves a picture of every open page behind, to see what the user would have seen.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    await Promise.all(
      pages.map((page, i) =>
        page
          .screenshot({ path: join(OUTPUT, `failed-${ctx.task.name.slice(0, 20)}-${i}.png`) })
          .catch(() => undefined),
      ),
    );
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await p?.stop();
    delete process.env.FILES_DIR;
    await rm(storage, { recursive: true, force: true });
  });

  it('a user registers, creates a channel, runs a task live, and uploads and downloads a file', async () => {
    const page = await newPage();
    await register(page, 'alice');

    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Alice Weekly');
    await page.getByRole('textbox', { name: 'Description' }).fill('Notes from the lab');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('heading', { name: /Alice Weekly/, level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Tasks & agents' }).click();
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('research');
    await page.getByRole('combobox', { name: 'Capability' }).selectOption('content_research');
    await page
      .getByRole('textbox', { name: 'Texts' })
      .fill('GraphQL federation composes subgraphs.\nSubscriptions stream task progress.');
    await page.getByRole('button', { name: 'Run task' }).click();
    await page.getByRole('heading', { name: /Content research/, level: 1 }).waitFor();
    // Nothing reloads the page: the status, bar and result arrive over `taskUpdated`.
    await page.locator('.task-status .badge', { hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Task progress').getAttribute('value')).toBe('100');
    await expect.poll(() => page.locator('.code').last().textContent()).toContain('keywords');

    // A task slow enough to be seen running proves the page follows it live, from start to done.
    await page.getByRole('link', { name: '← Tasks' }).click();
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('system');
    await page.getByRole('combobox', { name: 'Capability' }).selectOption('noop');
    await page.getByRole('spinbutton', { name: 'Wait (ms)' }).fill('2500');
    await page.getByRole('button', { name: 'Run task' }).click();
    await page.locator('.task-status .badge', { hasText: /queued|running|pending/ }).waitFor();
    await page.locator('.task-status .badge', { hasText: 'succeeded' }).waitFor({ timeout: 20_000 });

    await page.getByRole('link', { name: 'Files' }).click();
    await page.getByRole('heading', { name: 'Files', level: 1 }).waitFor();
    const csv = 'name,score\nada,3\ngrace,5\n';
    await page
      .getByLabel('Files to upload')
      .setInputFiles({ name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('.uploads .badge', { hasText: 'uploaded' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download scores.csv' }).click();
    expect(await readFile((await (await download).path())!, 'utf8')).toBe(csv);
  });

  it('an admin sees a log line arrive live and changes a role; a user cannot open Users', async () => {
    const bob = await newPage();
    await register(bob, 'bob');
    await expect.poll(() => bob.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await bob.goto(`${p.url}/users`);
    await bob.getByRole('heading', { name: 'Not allowed' }).waitFor();

    const admin = await newPage();
    await login(admin, ADMIN.login, ADMIN.password);
    await admin.getByRole('link', { name: 'Logs' }).click();
    const first = admin.locator('.vlist-row').first();
    await first.waitFor();
    const before = await first.textContent();
    // Rows show the time to the second: wait for the next one, so a new line cannot read like the last.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // A failed sign-in makes identity log a line; live tail must show it without a reload.
    await p.gql(
      'mutation { login(input: { login: "nobody-here", password: "wrong password" }) { accessToken } }',
    );
    await expect.poll(() => first.textContent(), { timeout: 20_000 }).not.toBe(before);

    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Role of bob').selectOption('AGENT');
    await admin.reload();
    await expect.poll(() => admin.getByLabel('Role of bob').inputValue()).toBe('AGENT');
  });

  it('the log explorer opens a line to its fields and follows its request id across every service', async () => {
    const token = await p.login();
    const requestId = randomUUID();
    // A signed-in query: the gateway serves it and identity answers it, both logging under this id.
    await p.gql('{ me { username } }', {}, token, { 'x-request-id': requestId });
    const admin = await newPage();
    await login(admin, ADMIN.login, ADMIN.password);
    await admin.getByRole('link', { name: 'Logs' }).click();
    // Service names come from the data: the worker is there as it logs, not as a list in code says.
    await expect
      .poll(
        async () => admin.getByRole('combobox', { name: 'Service' }).locator('option').allTextContents(),
        {
          timeout: 60_000,
        },
      )
      .toEqual(expect.arrayContaining(['gateway', 'identity', 'tasks-worker']));
    await admin.getByRole('combobox', { name: 'Service' }).selectOption('gateway');
    await admin.getByRole('textbox', { name: 'Route' }).fill('/graphql');
    const follow = admin.getByTitle(`Follow request ${requestId} across every service`);
    await expect.poll(() => follow.count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Opened, the row shows every field of its context.
    const row = admin.locator('.log-row', { has: follow });
    await row.getByRole('button', { expanded: false }).first().click();
    const details = row.locator('.log-details');
    await expect.poll(() => details.textContent()).toMatch(/method.*POST/s);
    expect(await details.textContent()).toMatch(/status.*200/s);
    expect(await details.textContent()).toContain('/graphql');

    await follow.first().click();
    await expect.poll(() => new URL(admin.url()).searchParams.get('requestId')).toBe(requestId);
    expect(new URL(admin.url()).searchParams.get('service')).toBeNull();
    const services = () => admin.locator('.log-service').allTextContents();
    await expect
      .poll(async () => new Set(await services()), { timeout: 20_000 })
      .toEqual(new Set(['gateway', 'identity']));
    await check(admin, 'logs-request', 'light');
  }, 180_000);

  it('an error shows on the Errors page with its sparkline and stack, and an admin resolves it', async () => {
    // The worker's logger as every service builds it, shipping to the platform's log stream.
    const shipper = new LogShipper({
      redisUrl: testRedisUrl(),
      prefix: p.redisPrefix,
      service: 'tasks-worker',
    });
    const log = createLogger('tasks-worker', 'info', shipper);
    for (let i = 0; i < 3; i++)
      log.error({ err: new Error(`scratch database e2e-${i} refused`) }, 'verify failed');
    await shipper.close();

    const admin = await newPage();
    await login(admin, ADMIN.login, ADMIN.password);
    await admin.getByRole('link', { name: 'Errors' }).click();
    await admin.getByRole('combobox', { name: 'Show' }).selectOption('NEW');
    const row = admin.getByRole('row', { name: /Error in tasks-worker/ });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('new');
    await expect
      .poll(() => row.getByRole('img').getAttribute('aria-label'))
      .toBe('Occurrences per hour, last 24 hours: 3 in all, at most 3 in one');
    await row.getByRole('button', { name: 'Error' }).click();
    await expect.poll(() => admin.locator('.error-details:not([hidden])').textContent()).toContain('at ');
    await check(admin, 'errors-list', 'dark');

    await row.getByRole('button', { name: 'Resolve' }).click();
    // The mutation answers the group, and the cache puts it in the row: no refetch.
    await row.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await row.textContent()).toContain('resolved');
    await admin.getByRole('combobox', { name: 'Status' }).selectOption('resolved');
    await admin.getByRole('row', { name: /Error in tasks-worker/ }).waitFor();
  }, 120_000);

  it('Analytics draws task throughput and queue depth from server-side series, with range and step', async () => {
    const token = await p.login();
    const run = `mutation { executeAgentTask(input: { agent: "system", type: "noop", input: {} }) { status } }`;
    for (let i = 0; i < 3; i++) expect((await p.gql(run, {}, token)).errors).toBeUndefined();
    const admin = await newPage();
    await login(admin, ADMIN.login, ADMIN.password);
    await admin.getByRole('link', { name: 'Analytics' }).click();
    const throughput = admin.locator('figure', { hasText: 'Task throughput (tasks finished per minute)' });
    // The workers' rates exist after two scrapes (every second here), so the first load has points.
    await expect
      .poll(() => throughput.locator('.chart-note').textContent(), { timeout: 45_000 })
      .toBe('Last hour, one point per 30 s');
    await expect.poll(() => throughput.getByRole('img').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(await throughput.getByRole('img').first().getAttribute('aria-label')).toMatch(/succeeded: /);
    const queue = admin.locator('figure', { hasText: 'Queue depth' });
    await expect
      .poll(() => queue.locator('.chart-note').textContent(), { timeout: 45_000 })
      .toBe('Last hour, one point per 30 s');
    await admin.getByRole('combobox', { name: 'Time range' }).selectOption('15m');
    await expect
      .poll(() => queue.locator('.chart-note').textContent(), { timeout: 90_000 })
      .toBe('Last 15 minutes, one point per 8 s');
    // Series queries queue behind the page's others on a busy machine.
  }, 240_000);

  it('every page renders, light and dark, without serious accessibility violations or CSP errors', async () => {
    const page = await newPage();
    await login(page, ADMIN.login, ADMIN.password);
    const channelHref = await (async () => {
      await page.goto(`${p.url}/channels`);
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Admin Channel');
      await page.getByRole('button', { name: 'Create channel' }).click();
      await page.getByRole('heading', { name: /Admin Channel/, level: 1 }).waitFor();
      return new URL(page.url()).pathname;
    })();
    await page.goto(`${p.url}/tasks`);
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('system');
    await page.getByRole('combobox', { name: 'Capability' }).selectOption('noop');
    await page.getByRole('button', { name: 'Run task' }).click();
    await page.getByRole('heading', { name: /Noop/, level: 1 }).waitFor();
    const taskHref = new URL(page.url()).pathname;
    const pages: [string, string][] = [
      ['overview', '/'],
      ['analytics', '/analytics'],
      ['services', '/services'],
      ['system', '/system'],
      ['logs', '/logs'],
      ['errors', '/errors'],
      ['tasks', '/tasks'],
      ['task', taskHref],
      ['channels', '/channels'],
      ['channel', channelHref],
      ['files', '/uploads'],
      ['users', '/users'],
      ['playground', '/playground'],
    ];
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      for (const [name, path] of pages) {
        await page.goto(`${p.url}${path}`);
        await check(page, name, theme);
      }
    }
    // Phone width: the navigation folds behind the Menu button.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${p.url}/`);
    await check(page, 'overview-phone', 'dark');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Logs' }).click();
    await check(page, 'logs-phone', 'dark');

    const guest = await newPage();
    for (const theme of ['light', 'dark'] as const) {
      await guest.goto(`${p.url}/login`);
      await setTheme(guest, theme);
      await check(guest, 'login', theme);
      await guest.goto(`${p.url}/register`);
      await check(guest, 'register', theme);
    }
    expect(problems).toEqual([]);
    // 34 page loads with an axe run each: a 2-core machine shared with other work needs minutes.
  }, 420_000);
});
