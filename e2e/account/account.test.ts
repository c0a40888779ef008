import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { bootPlatform, type Platform } from '../support/platform.js';

const PASSWORD = 'account e2e password';
const NEW_PASSWORD = 'account e2e password 2';
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { refreshToken } }';
const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }';

/** The Account page in Chromium: revoke another session, two-factor enrolment, change password. */
describe('e2e account page in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  async function signIn(password: string) {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill('gina');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    [p, browser] = await Promise.all([bootPlatform('account'), launchChromium()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('revokes another session, enrols TOTP, changes the password, and signs in with both', async () => {
    // Registering signs in: that session is the "other" one the page revokes.
    const registered = await p.gql<{ register: { refreshToken: string } }>(REGISTER, {
      i: { username: 'gina', email: 'gina@e2e.test', password: PASSWORD },
    });
    expect(registered.errors).toBeUndefined();
    await signIn(PASSWORD);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Your account: gina' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByText('This browser', { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const sessions = page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
    expect(await sessions.count()).toBe(2);
    await page.getByRole('button', { name: /^Revoke/ }).click();
    await expect.poll(() => sessions.count()).toBe(1);
    const stale = await p.gql(REFRESH, { t: registered.data!.register.refreshToken });
    expect(stale.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    await page.getByRole('button', { name: 'Set up two-factor' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page
      .locator('section[aria-labelledby="two-factor-title"] code.secret')
      .textContent())!;
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    const codes = page.getByRole('region', { name: 'Your recovery codes' });
    await codes.waitFor();
    expect((await codes.locator('code').textContent())!.split('\n').length).toBeGreaterThan(4);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByText(/^On: sign-in asks for the code/).waitFor();

    await page.getByLabel('Current password', { exact: true }).fill('not my password');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Current password is not your current password').waitFor();
    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions have ended.').waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await signIn(NEW_PASSWORD);
    // The next 30 s step: the code confirmTotp spent cannot be used twice.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    // Signed in again, back on the page the sign-out left.
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByText(/^On: sign-in asks for the code/).waitFor();
    expect(problems).toEqual([]);
  });

  it('offers "Forgot password?" and answers the same for any address', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill('nobody@e2e.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(/If an account uses that address/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Well formed, but no link has it.
    await page.goto(`${p.url}/reset-password?token=${'a'.repeat(43)}`);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid, already used or expired' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
