import { generate } from 'otplib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

/**
 * REQUIRE_2FA_FOR_ADMINS in Chromium: the admin's first sign-in is the enrolment step and ends signed
 * in; then a passkey (Chromium's virtual authenticator, through the DevTools protocol) is added on the
 * Account page and is the second factor of the next sign-in, then the whole sign-in on its own.
 */
describe('e2e two-factor: forced enrolment and a passkey, in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let origin: string;
  let authenticatorId: string;
  const problems: string[] = [];

  async function password() {
    await page.goto(`${origin}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    [p, browser] = await Promise.all([
      bootPlatform('two-factor', { REQUIRE_2FA_FOR_ADMINS: 'true' }),
      launchChromium(),
    ]);
    // Browsers refuse passkeys on an address: identity's RP ID is then `localhost`, and so is the page.
    origin = p.url.replace('127.0.0.1', 'localhost');
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('makes the admin enrol at sign-in, then signs in with a passkey added on the Account page', async () => {
    await password();
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Set up the authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.locator('code.secret').textContent())!;
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on and sign in' }).click();
    const codes = page.getByRole('region', { name: 'Your recovery codes' });
    await codes.waitFor();
    expect((await codes.locator('code').textContent())!.split('\n')).toHaveLength(10);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();

    await page.goto(`${origin}/account`);
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await page.getByLabel('Name of the new passkey').fill('Virtual key');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText(/^Passkey added/).waitFor();
    const list = page.getByRole('list', { name: 'Your passkeys' });
    await list.getByRole('button', { name: 'Rename Virtual key' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await password();
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    // Signed in again, back on the page the sign-out left.
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    // The one credential the page made, used once to sign in.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].signCount).toBeGreaterThan(0);

    // The same passkey alone, no password: the virtual authenticator verifies the user.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });
});
