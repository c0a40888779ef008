import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RestartEvent } from '@trae/launcher';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const OUTPUT = new URL('../output/outage-banner/', import.meta.url).pathname;

/**
 * Overview while the platform fails under it: a frozen gateway (SIGSTOP: sockets stay open, nothing
 * answers), a killed one (restarted by the launcher after a fixed pause), and a frozen service behind
 * a healthy gateway. Each time the page must say "unreachable" and grey what it shows, then come
 * back by itself, with no reload.
 */
describe('e2e outage banner in Chromium', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  const restarts: RestartEvent[] = [];
  const pageErrors: string[] = [];

  const banner = () => page.locator('.connection-banner');
  const health = () => page.getByRole('region', { name: 'Health' });
  const components = () => page.getByRole('list', { name: 'Components' });
  const platformStatus = () =>
    health().locator('p', { hasText: 'Platform:' }).locator('.badge').textContent();
  const badges = (text: string) => components().locator('.badge', { hasText: new RegExp(`^${text}$`) });
  const healthy = async () =>
    (await banner().count()) === 0 &&
    (await platformStatus()) === 'healthy' &&
    (await badges('unreachable').count()) === 0 &&
    (await page.locator('.topbar .connection').textContent()) === 'Live';
  /** Seconds from now until `check` holds. */
  async function secondsUntil(check: () => Promise<boolean>, timeout: number): Promise<number> {
    const began = performance.now();
    await expect.poll(check, { timeout, interval: 200 }).toBe(true);
    return (performance.now() - began) / 1000;
  }

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    [p, browser] = await Promise.all([
      bootPlatform(
        'outage-banner',
        { SCRAPE_INTERVAL_MS: '1000', HEALTH_INTERVAL_MS: '2000' },
        {
          // A fixed 6 s pause before a restart, so the outage is long enough to be seen.
          restart: { maxCrashes: 5, windowMs: 60_000, backoffMs: 6_000, maxBackoffMs: 6_000 },
          onRestart: (e) => restarts.push(e),
        },
      ),
      launchChromium(),
    ]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    for (const name of ['gateway', 'observability']) {
      const pid = p?.pid(name);
      if (pid) process.kill(pid, 'SIGCONT');
    }
    await browser?.close();
    await p?.stop();
  });

  it('says unreachable within seconds of each failure, greys the cards, and recovers on its own', async () => {
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await secondsUntil(healthy, 30_000);
    const figures: string[] = [];

    // 1. The gateway freezes: the pong timeout (5 s ping, 3 s wait) gives it away.
    const gateway = p.pid('gateway')!;
    process.kill(gateway, 'SIGSTOP');
    const frozenAfter = await secondsUntil(async () => (await banner().count()) === 1, 12_000);
    await expect.poll(() => banner().textContent()).toContain('unreachable');
    expect(await page.locator('.topbar .connection').textContent()).toBe('Unreachable');
    // The live figures are greyed and say so, with their age; nothing claims to be "up" or "live".
    const live = page.getByRole('region', { name: /Live metrics/ });
    await expect.poll(() => live.locator('.stale-note').textContent()).toMatch(/unreachable.*updated .*ago/);
    expect(await live.locator('.stale table').count()).toBe(1);
    expect(await live.getByRole('cell', { name: 'up', exact: true }).count()).toBe(0);
    expect(await live.locator('h2 .badge', { hasText: 'live' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'gateway-frozen.png'), fullPage: true });
    process.kill(gateway, 'SIGCONT');
    const thawedAfter = await secondsUntil(healthy, 30_000);
    figures.push(
      `gateway frozen: unreachable after ${frozenAfter.toFixed(1)} s, back ${thawedAfter.toFixed(1)} s after SIGCONT`,
    );

    // 2. The gateway dies: the socket closes, so it shows at once; the launcher brings it back.
    process.kill(gateway, 'SIGKILL');
    const killedAfter = await secondsUntil(async () => (await banner().count()) === 1, 3_000);
    // The health poll fails too, and the cards say so instead of "healthy".
    await expect.poll(() => badges('unreachable').count(), { timeout: 12_000 }).toBeGreaterThan(0);
    expect(await badges('up').count()).toBe(0);
    expect(await platformStatus()).toBe('unreachable');
    await expect.poll(() => banner().textContent()).toContain('Server unreachable');
    await page.screenshot({ path: join(OUTPUT, 'gateway-down.png'), fullPage: true });
    await expect
      .poll(() => restarts.some((e) => e.kind === 'restarted' && e.name === 'gateway'), { timeout: 60_000 })
      .toBe(true);
    const revivedAfter = await secondsUntil(healthy, 30_000);
    figures.push(
      `gateway killed: unreachable after ${killedAfter.toFixed(1)} s, back ${revivedAfter.toFixed(1)} s after its restart`,
    );

    // 3. A service behind a healthy gateway freezes: its cards go stale on their own, no banner.
    const observability = p.pid('observability')!;
    process.kill(observability, 'SIGSTOP');
    const staleAfter = await secondsUntil(
      async () => (await health().locator('.stale-note').count()) === 1,
      30_000,
    );
    expect(await health().locator('.stale-note').textContent()).toMatch(/unreachable.*updated .*ago/);
    expect(await badges('up').count()).toBe(0);
    expect(await banner().count()).toBe(0);
    await page.screenshot({ path: join(OUTPUT, 'service-frozen.png'), fullPage: true });
    process.kill(observability, 'SIGCONT');
    const serviceBackAfter = await secondsUntil(healthy, 40_000);
    figures.push(
      `observability frozen: stale after ${staleAfter.toFixed(1)} s, back ${serviceBackAfter.toFixed(1)} s after SIGCONT`,
    );

    console.log(figures.join('\n'));
    expect(pageErrors).toEqual([]);
  }, 240_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: join(OUTPUT, 'failed.png'), fullPage: true }).catch(() => undefined);
  });
});
