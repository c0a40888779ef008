import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

/** Issue 19 item 8's budget: what a new user's browser downloads from the login page to Overview. */
const BUDGET_BYTES = 250 * 1024;

interface Sent {
  path: string;
  bytes: number;
  encoding: string;
}

describe('e2e dashboard in Chromium: first load, tabs, people', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  const sent: Sent[] = [];

  beforeAll(async () => {
    [p, browser] = await Promise.all([bootPlatform('first-load'), launchChromium()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('response', (r) => {
      const { pathname } = new URL(r.url());
      const kind = r.request().resourceType();
      if (!['document', 'script', 'stylesheet', 'font', 'image'].includes(kind)) return;
      const headers = r.headers();
      sent.push({
        path: pathname,
        bytes: Number(headers['content-length'] ?? 0),
        encoding: headers['content-encoding'] ?? 'none',
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('signs in and shows Overview within 250 KiB on the wire, scripts compressed, no source maps', async () => {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.locator('.cards .card').first().waitFor();

    const total = sent.reduce((sum, s) => sum + s.bytes, 0);
    const bigScripts = sent.filter((s) => s.path.endsWith('.js') && s.bytes > 1024);
    expect(
      sent.every((s) => s.bytes > 0),
      JSON.stringify(sent),
    ).toBe(true);
    expect(total, JSON.stringify(sent)).toBeLessThan(BUDGET_BYTES);
    expect(bigScripts.length).toBeGreaterThan(0);
    expect(
      bigScripts.every((s) => s.encoding === 'br'),
      JSON.stringify(bigScripts),
    ).toBe(true);
    expect(sent.some((s) => s.path.endsWith('.map'))).toBe(false);

    const script = sent.find((s) => s.path.startsWith('/assets/') && s.path.endsWith('.js'))!;
    const plain = await (
      await fetch(`${p.url}${script.path}`, { headers: { 'accept-encoding': 'identity' } })
    ).text();
    expect(plain).not.toContain('sourceMappingURL');
  });

  it('signs a link opened in a new tab in from the first tab, and a sign-out ends both', async () => {
    const second = await page.context().newPage();
    await second.goto(`${p.url}/tasks`);
    await second.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    expect(new URL(second.url()).pathname).toBe('/tasks');

    await second.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/, { timeout: 10_000 });
    await second.close();
  });

  it('adds a channel member by username, and says so when nobody has that name', async () => {
    await p.gql('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { username: 'carol', email: 'carol@e2e.test', password: 'carol password 1' },
    });
    // The test before signed out: sign in again.
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.goto(`${p.url}/channels`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('People Channel');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('heading', { name: /People Channel/, level: 1 }).waitFor();

    await page.getByLabel('Username', { exact: true }).fill('nobody-called-this');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('alert').filter({ hasText: 'No active user is called' }).waitFor();

    await page.getByLabel('Username', { exact: true }).fill('Carol');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('heading', { name: 'Members (2)' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'carol' }).textContent()).toContain('editor');
  });
});
