import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const OUTPUT = new URL('../output/alerts-dashboard/', import.meta.url).pathname;
const RULE = 'Fewer than two up';

/** An ADMIN's alerting in Chromium: a rule that fires at once, the bell live, a silence, the history. */
describe('e2e alerts dashboard in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const bell = () => page.getByRole('button', { name: /^Alerts: / });

  /** Nothing is loading, axe finds nothing serious, and a screenshot is kept, in both themes. */
  async function check(name: string) {
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(`localStorage.setItem('trae.theme', '${theme}')`);
      await page.reload();
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
      await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
      expect(await seriousA11yViolations(page), `${name} (${theme})`).toEqual([]);
      await page.screenshot({ path: join(OUTPUT, `${name}-${theme}.png`), fullPage: true });
    }
  }

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    [p, browser] = await Promise.all([
      bootPlatform('alerts-dashboard', { ALERT_EVAL_INTERVAL_MS: '1000', SCRAPE_INTERVAL_MS: '1000' }),
      launchChromium(),
    ]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: join(OUTPUT, 'failed.png'), fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('creates a rule that fires, sees the bell count it live, silences it, and finds it in the history', async () => {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Alerts: 0 alerts firing');
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    // The shipped rules are there, and OK.
    await page.getByRole('rowheader', { name: 'Service down (built in)' }).waitFor();

    // The form checks what the server checks before sending anything.
    await page.getByText('New rule').click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByRole('button', { name: 'Create rule' }).click();
    await form.getByText('Name must not be empty').waitFor();
    await form.getByText('Metric must be a known series').waitFor();
    await form.getByLabel('For (seconds)').fill('1.5');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await form.getByText('For (seconds) must be a whole number of seconds').waitFor();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    // Every service is up (1), so "up below 2" holds for the worst of them, at once.
    await form.getByLabel('Name').fill(RULE);
    await form.getByLabel('Metric').selectOption('up');
    await form.getByLabel('Comparison').selectOption('BELOW');
    await form.getByLabel('Threshold').fill('2');
    await form.getByLabel('For (seconds)').fill('0');
    await form.getByRole('button', { name: 'Create rule' }).click();
    const row = page.getByRole('row', { name: new RegExp(RULE) });
    await row.waitFor();

    // The bell counts it without a reload, and its dropdown links to it.
    await expect
      .poll(() => bell().getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('Alerts: 1 alert firing');
    await expect.poll(() => row.locator('.badge').first().textContent()).toBe('firing');
    await bell().click();
    const panel = page.getByRole('region', { name: 'Firing alerts' });
    await panel.getByRole('link', { name: RULE }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await page
      .getByRole('region', { name: /Active now/ })
      .getByText(RULE)
      .waitFor();

    // Silenced for an hour: it still fires (and says so), but notifies no one.
    const silences = page.getByRole('region', { name: 'Silences' });
    await silences.getByLabel('Silence', { exact: true }).selectOption({ label: RULE });
    await silences.getByRole('button', { name: 'Create silence' }).click();
    await silences.getByText('Reason must not be empty').waitFor();
    await silences.getByLabel('Reason').fill('e2e: known, being fixed');
    await silences.getByRole('button', { name: 'Create silence' }).click();
    await silences.getByText('e2e: known, being fixed').waitFor();
    await row.getByText(/silenced until/).waitFor();

    // The history has the episode, firing.
    const history = page.getByRole('region', { name: /History/ });
    await expect
      .poll(() => history.getByRole('row', { name: new RegExp(RULE) }).textContent(), { timeout: 20_000 })
      .toMatch(/firing/);
    await check('alerts');

    // Disabled, the next evaluation resolves it: the bell goes back to 0 live, the history says resolved.
    // The switch follows the server's answer, so it changes once the mutation is done.
    const enabled = row.getByRole('checkbox', { name: `Enabled: ${RULE}` });
    await enabled.click();
    await expect.poll(() => enabled.isChecked()).toBe(false);
    await expect
      .poll(() => bell().getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('Alerts: 0 alerts firing');
    await expect
      .poll(() => history.getByRole('row', { name: new RegExp(RULE) }).textContent(), { timeout: 20_000 })
      .toMatch(/resolved/);
    await silences.getByRole('button', { name: `Expire the silence of ${RULE}` }).click();
    await expect.poll(() => silences.getByText('e2e: known, being fixed').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);
});
