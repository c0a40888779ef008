import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

// Services inherit this process's environment: scrape every second, so charts have points quickly.
Object.assign(process.env, { SCRAPE_INTERVAL_MS: '1000', HEALTH_INTERVAL_MS: '2000' });

const OUTPUT = new URL('../output/dashboard-polish/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

interface ChartReport {
  title: string;
  /** Legend entries (service or series name) and the colour of their swatch, as the browser computes it. */
  legend: [string, string][];
  /** The colours of the drawn lines, or of the bars with the label each belongs to. */
  drawn: [string | null, string][];
  /** Tick and legend texts that do not fit inside the chart's SVG. */
  outside: string[];
  /** Each value axis' tick labels. */
  axes: string[][];
  /** The rotated axis legend overlaps a tick label. */
  legendOverlaps: boolean;
}

/**
 * Reads every chart on the page: colours, tick labels per axis, and whether any text is cut off.
 * A string, not a function: it runs in the page, where `document` lives.
 */
const READ_CHARTS = `(() => {
  const probe = document.createElement('span');
  document.body.append(probe);
  const rgb = (colour) => {
    probe.style.color = colour;
    return getComputedStyle(probe).color;
  };
  const within = (r, box) =>
    r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  const meet = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  const reports = [];
  for (const figure of document.querySelectorAll('figure.chart')) {
    const svg = figure.querySelector('.chart-canvas svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const outside = texts.filter((t) => !within(t.getBoundingClientRect(), box)).map((t) => t.textContent);
    // Value ticks are numbers with an optional unit (time ticks have colons), grouped by their axis.
    const byAxis = new Map();
    for (const t of texts) {
      if (!/^-?\\d+(\\.\\d+)?( \\S+)?$/.test(t.textContent)) continue;
      const axis = t.parentElement.parentElement;
      byAxis.set(axis, [...(byAxis.get(axis) ?? []), t.textContent]);
    }
    const rotated = texts.find((t) => (t.getAttribute('transform') ?? '').includes('rotate(-90)'));
    const legendOverlaps =
      !!rotated &&
      texts.some((t) => t !== rotated && /^-?\\d/.test(t.textContent) && meet(t.getBoundingClientRect(), rotated.getBoundingClientRect()));
    const legend = [...figure.querySelectorAll('.legend li')].map((li) => [
      li.textContent.trim(),
      getComputedStyle(li.querySelector('.swatch')).backgroundColor,
    ]);
    const lines = [...svg.querySelectorAll('path[fill="none"][stroke-width="2"]')].map((p) => [null, rgb(p.getAttribute('stroke'))]);
    // Bars come in data order, which the chart's text summary lists ("gateway: 1.2 req/s; ...").
    const order = (svg.getAttribute('aria-label') ?? '').replace(/^[^.]*\\. /, '').split('; ').map((s) => s.split(':')[0]);
    const bars = [...svg.querySelectorAll('rect[data-testid^="bar.item"]')].map((r) => [
      order[Number(r.getAttribute('data-testid').split('.').pop())] ?? null,
      rgb(r.getAttribute('fill')),
    ]);
    const title = figure.querySelector('figcaption')?.firstChild?.textContent ?? '';
    reports.push({ title, legend, drawn: [...lines, ...bars], outside, axes: [...byAxis.values()], legendOverlaps });
  }
  probe.remove();
  return reports;
})()`;

const readCharts = (page: Page) => page.evaluate<ChartReport[]>(READ_CHARTS);

describe('e2e dashboard polish in Chromium: charts, navigation focus, the phone menu, widths, GraphiQL', () => {
  let p: Platform;
  let browser: Browser;

  async function signedIn(viewport = DESKTOP): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(`${p.url}/login`);
    await page.getByLabel('Username or email').fill(ADMIN.login);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    return page;
  }

  const focused = (page: Page) =>
    page.evaluate<string>(
      "document.activeElement?.tagName + ' ' + document.activeElement?.textContent?.trim()",
    );

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    [p, browser] = await Promise.all([bootPlatform('dashboard-polish'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('desktop: no Menu button; a page chosen in the navigation, by mouse or keyboard, gets focus on its heading', async () => {
    const page = await signedIn();
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Analytics' }).click();
    await expect.poll(() => focused(page), { timeout: 15_000 }).toBe('H1 Analytics');
    await page.getByRole('link', { name: 'Logs' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 15_000 }).toBe('H1 Logs');
    // The heading is a starting point for the keyboard, not a stop: Tab leaves it for the page.
    expect(await page.locator('h1').getAttribute('tabindex')).toBe('-1');
    await page.context().close();
  });

  it('phone: Menu opens the navigation, Escape closes it and returns focus, choosing a page closes it', async () => {
    const page = await signedIn(PHONE);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await menu.isVisible()).toBe(true);
    expect(await nav.isVisible()).toBe(false);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: 'Logs' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('BUTTON Menu');

    await menu.click();
    await page.getByRole('link', { name: 'Users' }).click();
    await expect.poll(() => focused(page), { timeout: 15_000 }).toBe('H1 Users');
    expect(await nav.isVisible()).toBe(false);
    await page.context().close();
  });

  it('no page scrolls sideways on a 375 px phone, Users with a new API key shown included', async () => {
    const page = await signedIn(PHONE);
    await page.goto(`${p.url}/users`);
    await page.getByLabel('Key name').fill('a-long-key-name-for-the-nightly-export-script');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Your new API key.').waitFor();
    const wide: string[] = [];
    const check = async (path: string) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
      const [scroll, client] = await page.evaluate<number[]>(
        '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
      );
      if (scroll > client) wide.push(`${path}: ${scroll - client} px too wide`);
    };
    await check('/users');
    await page.screenshot({ path: join(OUTPUT, 'users-phone.png'), fullPage: true });
    for (const path of [
      '/',
      '/analytics',
      '/services',
      '/system',
      '/logs',
      '/errors',
      '/tasks',
      '/channels',
      '/uploads',
      '/webhook-endpoints',
      '/webhook-sources',
      '/system/backups',
      '/alerts',
      '/account',
      '/playground',
    ]) {
      await page.goto(`${p.url}${path}`);
      await check(path);
    }
    expect(wide).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('every chart keeps a service in one colour, labels each axis in one unit, and cuts no label off', async () => {
    const token = await p.login();
    // Some traffic and tasks, so latency, request and throughput charts have values above zero.
    for (let i = 0; i < 5; i++) {
      await p.gql('{ me { username } }', {}, token);
      await p.gql(
        `mutation { executeAgentTask(input: { agent: "system", type: "noop", input: {} }) { status } }`,
        {},
        token,
      );
    }
    const page = await signedIn();
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(`localStorage.setItem('trae.theme', '${theme}')`);
      const colours = new Map<string, Set<string>>();
      const reports: ChartReport[] = [];
      for (const path of ['/analytics', '/system', '/']) {
        await page.goto(`${p.url}${path}`);
        // Series exist after two scrapes; until then a chart says "No data in this range yet".
        await expect
          .poll(
            async () => (await readCharts(page)).filter((c) => c.legend.length + c.drawn.length > 0).length,
            {
              timeout: 60_000,
            },
          )
          .toBeGreaterThanOrEqual(path === '/' ? 1 : 4);
        await page.screenshot({
          path: join(OUTPUT, `charts${path.replace(/\//g, '-')}-${theme}.png`),
          fullPage: true,
        });
        reports.push(...(await readCharts(page)));
      }
      for (const chart of reports) {
        for (const [id, colour] of chart.legend)
          colours.set(id, new Set([...(colours.get(id) ?? []), colour]));
        expect(chart.outside, `${chart.title}: labels cut off`).toEqual([]);
        expect(chart.legendOverlaps, `${chart.title}: axis legend over the ticks`).toBe(false);
        for (const ticks of chart.axes) {
          const units = new Set(ticks.map((t) => t.split(' ')[1] ?? ''));
          expect(units.size, `${chart.title}: ${ticks.join(', ')}`).toBe(1);
        }
        // Every drawn line has its legend's colour; the bars, the colour their service has elsewhere.
        const legendColours = new Set(chart.legend.map(([, c]) => c));
        for (const [label, colour] of chart.drawn) {
          if (label === null) expect(legendColours.has(colour), `${chart.title}: line ${colour}`).toBe(true);
          else if (colours.has(label)) expect([...(colours.get(label) ?? [])]).toEqual([colour]);
        }
      }
      for (const [id, seen] of colours) expect([...seen], `${id} (${theme})`).toHaveLength(1);
      // The eight processes each have a colour of their own.
      const services = [
        'gateway',
        'identity',
        'channels',
        'tasks',
        'files',
        'observability',
        'webhooks',
        'tasks-worker',
      ];
      const serviceColours = services
        .filter((s) => colours.has(s))
        .map((s) => [...(colours.get(s) ?? [])][0]);
      expect(serviceColours.length).toBe(services.length);
      expect(new Set(serviceColours).size).toBe(services.length);
    }
    await page.context().close();
  }, 240_000);

  it('Tasks: a task started elsewhere is offered as new, and once shown its row follows it live to succeeded', async () => {
    const page = await signedIn();
    await page.goto(`${p.url}/tasks`);
    await page.getByRole('heading', { name: /^Tasks \(/, level: 2 }).waitFor();
    const token = await p.login();
    const run = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
    const slow = { agent: 'system', type: 'noop', input: { echo: 'live row', sleepMs: 8000 } };
    expect((await p.gql(run, { i: [slow] }, token)).errors).toBeUndefined();
    // Counted from the frame batch (not page state), then fetched when the reader asks.
    await page.getByRole('button', { name: 'Show 1 new task' }).click({ timeout: 20_000 });
    const row = page.locator('.task-row', { hasText: 'Noop' }).first();
    await row.locator('.badge', { hasText: /queued|running/ }).waitFor({ timeout: 20_000 });
    // Apollo does not write the events itself (no-cache); the frame batch's cache write moves the row.
    await row.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
    await page.context().close();
  }, 90_000);

  it('the Playground has no serious accessibility finding, with two operation tabs, light and dark', async () => {
    const page = await signedIn();
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(`localStorage.setItem('trae.theme', '${theme}')`);
      await page.goto(`${p.url}/playground`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      if ((await page.locator('.graphiql-tab').count()) < 2)
        await page.getByRole('button', { name: 'New tab' }).click();
      await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(2);
      expect(await seriousA11yViolations(page), theme).toEqual([]);
      // The open tab is marked for assistive technology, and the editor still takes typing.
      expect(
        await page.locator('.graphiql-tab-active .graphiql-tab-button').getAttribute('aria-current'),
      ).toBe('true');
    }
    await page.getByRole('textbox', { name: 'Query editor' }).click();
    await page.keyboard.type('# typed here');
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent()).toContain('# typed here');
    await page.screenshot({ path: join(OUTPUT, 'playground-dark.png') });
    await page.context().close();
  }, 120_000);
});
