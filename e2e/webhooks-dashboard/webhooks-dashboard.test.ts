import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const OUTPUT = new URL('../output/webhooks-dashboard/', import.meta.url).pathname;
const PASSWORD = 'webhooks dashboard password';

describe('e2e webhooks dashboard in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  const problems: string[] = [];
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks, got it');
    });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    return page;
  }

  /** Nothing is loading, axe finds nothing serious, and a screenshot is kept, in both themes. */
  async function check(page: Page, name: string) {
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(`localStorage.setItem('trae.theme', '${theme}')`);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
      expect(await seriousA11yViolations(page), `${name} (${theme})`).toEqual([]);
      await page.screenshot({ path: join(OUTPUT, `${name}-${theme}.png`), fullPage: true });
    }
  }

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    [p, browser] = await Promise.all([
      bootPlatform('webhooks-dashboard', { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('an admin registers a source and sees its secret once; a user sees their task end in an endpoint’s delivery log', async () => {
    // An admin creates a source; the secret is on screen once, then gone for good.
    const admin = await newPage();
    await admin.goto(`${p.url}/login`);
    await admin.getByLabel('Username or email').fill(ADMIN.login);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Webhook sources' }).click();
    await admin.getByRole('textbox', { name: 'Name' }).fill('billing');
    await admin.getByRole('combobox', { name: 'Action' }).selectOption('EMIT_EVENT');
    await admin.getByRole('button', { name: 'Create source' }).click();
    const shown = admin.getByRole('region', { name: 'Secret of billing' });
    await expect.poll(() => shown.textContent()).toContain('you will not see it again');
    const secret = (await shown.locator('.secret').textContent())!;
    await shown.getByRole('button', { name: 'Copy secret' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await admin.getByRole('link', { name: 'billing' }).click();
    await admin.getByRole('heading', { name: 'billing', level: 1 }).waitFor();
    expect(await admin.content()).not.toContain(secret);

    // A signed call to the source shows up among its payloads, and replays.
    const sourceId = admin.url().split('/').pop()!;
    const body = JSON.stringify({ invoice: 'inv_42', paid: true });
    const now = new Date();
    const sent = await fetch(`${p.url}/webhooks/${sourceId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_e2e_1',
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign('msg_e2e_1', now, body),
      },
      body,
    });
    expect(sent.status).toBe(202);
    await admin.reload();
    await admin.getByRole('button', { name: 'Replay msg_e2e_1' }).click();
    await admin.getByText('Replayed msg_e2e_1: done.').waitFor();
    await check(admin, 'webhook-source');
    await admin.getByRole('link', { name: '← Webhook sources' }).click();
    await check(admin, 'webhook-sources');

    // A user: no admin page for them; their endpoint gets their finished task.
    const user = await newPage();
    await user.goto(`${p.url}/register`);
    await user.getByLabel('Username').fill('carol');
    await user.getByLabel('Email').fill('carol@e2e.test');
    await user.getByLabel('Password').fill(PASSWORD);
    await user.getByRole('button', { name: 'Create account' }).click();
    await user.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(await user.getByRole('link', { name: 'Webhook sources' }).count()).toBe(0);
    await user.getByRole('link', { name: 'Webhooks' }).click();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/carol`;
    await user.getByRole('textbox', { name: 'URL' }).fill(url);
    await user.getByRole('checkbox', { name: 'task.completed' }).check();
    await user.getByRole('button', { name: 'Create endpoint' }).click();
    await user.getByRole('region', { name: `Signing secret of ${url}` }).waitFor();
    await user.getByRole('link', { name: url }).click();
    await user.getByRole('heading', { name: url, level: 1 }).waitFor();
    await user.getByText('Nothing sent yet').waitFor();

    const token = await p.login({ login: 'carol', password: PASSWORD });
    const task = await p.gql<{ executeAgentTask: { status: string } }>(
      'mutation { executeAgentTask(input: { agent: "system", type: "noop", input: {} }) { status } }',
      {},
      token,
    );
    expect(task.data?.executeAgentTask.status).toBe('SUCCEEDED');

    // The log polls: the attempt appears without a reload, with the receiver's answer.
    const row = user.getByRole('table', { name: undefined }).locator('tbody tr').first();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('thanks, got it');
    expect(await row.textContent()).toMatch(/task\.completed.*delivered.*200/);
    expect(received).toEqual(['/carol']);
    // "Send test" queues a webhook.test event; it reaches the receiver and the log like any other.
    await user.getByRole('button', { name: 'Send test' }).click();
    await user.getByRole('status').filter({ hasText: 'Test event queued' }).waitFor();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('webhook.test');
    expect(received).toEqual(['/carol', '/carol']);
    await check(user, 'webhook-endpoint');
    await user.goto(`${p.url}/webhook-endpoints`);
    await check(user, 'webhook-endpoints');
    await user.setViewportSize({ width: 390, height: 844 });
    await check(user, 'webhook-endpoints-phone');
    // Wide tables scroll inside their frame; the page itself never scrolls sideways.
    expect(await user.evaluate('document.documentElement.scrollWidth')).toBe(390);

    await user.goto(`${p.url}/webhook-sources`);
    await user.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(problems).toEqual([]);
  }, 180_000);
});
