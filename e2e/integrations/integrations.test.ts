import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { bootPlatform, type Platform } from '../support/platform.js';

const PASSWORD = 'integrations e2e password';
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const PROFILE = 'mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName } }';
const HEALTH = '{ systemHealth { status components { name kind status detail } } }';
/** A 1×1 PNG: the files service sniffs the bytes, so an avatar must be a real image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Synced {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
  disabled: boolean;
}

/** Base44 as the platform sees it: the production status, and user syncs it records. */
async function fakeBase44() {
  const synced: Synced[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.api_key !== 'e2e-base44-key') return void res.writeHead(401).end('{}');
      if (req.method === 'GET' && req.url === '/api/apps/e2e/production/status')
        return json({ status: 'operational', version: 'e2e-1' });
      if (req.method === 'POST' && /^\/api\/apps\/e2e\/users\/[^/]+\/sync$/.test(req.url ?? '')) {
        synced.push((JSON.parse(Buffer.concat(chunks).toString()) as { user: Synced }).user);
        return json({ synced: true });
      }
      res.writeHead(404).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/apps/e2e`;
  return { url, synced, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Base44 and the avatar across real processes: identity's events, the tasks worker, files and the dashboard. */
describe('e2e integrations: the Base44 user sync and the avatar', () => {
  let p: Platform;
  let base44: Awaited<ReturnType<typeof fakeBase44>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    base44 = await fakeBase44();
    [p, browser] = await Promise.all([
      bootPlatform('integrations', {
        BASE44_URL: base44.url,
        BASE44_API_KEY: 'e2e-base44-key',
        TASK_BACKOFF_MS: '200',
      }),
      launchChromium(),
    ]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
    await base44?.close();
  });

  it('syncs a user to Base44 after register and after a profile change, and shows Base44 in systemHealth', async () => {
    const r = await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username: 'hana', email: 'hana@e2e.test', password: PASSWORD },
    });
    expect(r.errors).toBeUndefined();
    const { accessToken, user } = r.data!.register;
    const of = () => base44.synced.filter((u) => u.id === user.id);
    await expect.poll(() => of().length, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
    expect(of()[0]).toEqual({
      id: user.id,
      email: 'hana@e2e.test',
      displayName: null,
      role: 'USER',
      disabled: false,
    });

    await p.gql(PROFILE, { i: { displayName: 'Hana Mori' } }, accessToken);
    await expect.poll(() => of().at(-1)?.displayName, { timeout: 30_000, interval: 200 }).toBe('Hana Mori');

    const admin = await p.login();
    const health = await p.gql<{
      systemHealth: { components: { name: string; kind: string; status: string }[] };
    }>(HEALTH, {}, admin);
    expect(health.data?.systemHealth.components.find((c) => c.name === 'base44')).toMatchObject({
      kind: 'EXTERNAL',
      status: 'UP',
    });
  });

  it('uploads an avatar on the Account page and shows it in the top bar', async () => {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill('hana');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const nav = page.locator('.topbar .who img.avatar');
    const before = await nav.getAttribute('src');
    expect(before).toMatch(/\/files\/avatars\/.+v=identicon/);

    await page.getByRole('link', { name: 'Your account: hana' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page
      .getByLabel('Avatar image')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Avatar updated.').waitFor();

    await expect.poll(() => nav.getAttribute('src')).not.toBe(before);
    const src = (await nav.getAttribute('src'))!;
    expect(src).not.toContain('identicon');
    const served = await fetch(new URL(src, p.url));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    await page
      .getByLabel('Avatar image')
      .setInputFiles({ name: 'x.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') });
    await page.getByText(/Pick a PNG, JPEG, GIF or WebP image/).waitFor();
  });
});
