import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const OUTPUT = new URL('../output/sign-in/', import.meta.url).pathname;
const PASSWORD = 'sign-in e2e password';
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';

/** Every way a sign-in can be refused, as the login page words it, and the two-factor step. */
describe('e2e sign-in messages in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  async function register(username: string): Promise<{ id: string; token: string }> {
    const r = await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
      i: { username, email: `${username}@e2e.test`, password: PASSWORD },
    });
    expect(r.errors).toBeUndefined();
    return { id: r.data!.register.user.id, token: r.data!.register.accessToken };
  }

  async function signIn(login: string, password: string) {
    await page.getByLabel('Username or email').fill(login);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const alert = () => page.getByRole('alert').filter({ hasText: 'Could not sign in' });
  /** Waits (argon2 takes its time) for the refusal to say this. */
  const refused = (text: string | RegExp) => alert().filter({ hasText: text }).waitFor();

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    [p, browser] = await Promise.all([
      bootPlatform('sign-in', { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MINUTES: '15' }),
      launchChromium(),
    ]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // Refused sign-ins answer 401/403/423, which Chromium logs as failed loads; page errors are ours.
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('says wrong password, locked with the time left, and disabled, never "session ended"', async () => {
    await page.goto(`${p.url}/login`);
    await signIn(ADMIN.login, 'not the password');
    await refused('Wrong username, email or password.');
    expect(await page.content()).not.toContain('session has ended');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'wrong-password.png') });

    // The third failure locks the account for this address; the wait counts down.
    await register('dora');
    for (let i = 0; i < 3; i++) {
      await signIn('dora', `wrong ${i}`);
      await refused(i < 2 ? 'Wrong username' : 'locked');
    }
    const locked = await alert().textContent();
    expect(locked).toMatch(/this account is locked\. Try again in 1[45] min( \d+ s)?\./);
    // Even the right password waits out the lock, and says so.
    await signIn('dora', PASSWORD);
    await refused(/locked.*Try again in \d+ min/);
    await page.screenshot({ path: join(OUTPUT, 'locked.png') });

    const eve = await register('eve');
    const admin = await p.login();
    const disabled = await p.gql(
      'mutation ($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }',
      { u: eve.id },
      admin,
    );
    expect(disabled.errors).toBeUndefined();
    await signIn('eve', PASSWORD);
    await refused('This account is disabled.');
    expect(problems).toEqual([]);
  });

  it('asks for the authenticator code after the password, refuses a wrong one, and signs in', async () => {
    const fay = await register('fay');
    const enrol = await p.gql<{ enrolTotp: { secret: string } }>(
      'mutation { enrolTotp { secret } }',
      {},
      fay.token,
    );
    const { secret } = enrol.data!.enrolTotp;
    const confirmed = await p.gql(
      'mutation ($i: ConfirmTotpInput!) { confirmTotp(input: $i) { codes } }',
      { i: { code: await generate({ secret }) } },
      fay.token,
    );
    expect(confirmed.errors).toBeUndefined();

    await page.goto(`${p.url}/login`);
    await signIn('fay', PASSWORD);
    await page.getByRole('heading', { name: 'Two-factor sign-in', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'two-factor.png') });
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await refused('That code is not right');

    // The code of the next 30 s step: the one confirmTotp spent cannot be used twice.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(await page.locator('.who').textContent()).toContain('fay');
    expect(problems).toEqual([]);
  });
});
