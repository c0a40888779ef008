// npm run bench:client — the dashboard's first load: bytes on the wire (as the gateway sent them, with
// the encoding it chose) and uncompressed of everything the browser fetches to show Overview, and the time from navigation to a rendered Overview, in Debian's Chromium against
// the platform started as `npm start` does (fresh database). Median of 5 cold loads (new context each).
// Then the Tasks page's main-thread long tasks while about 2,000 task events arrive (bench-tasks.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { startPlatform } from '@trae/launcher';
import { chromium } from 'playwright-core';
import { benchTaskEvents } from './bench-tasks.mjs';

const RUNS = 5;
const DIST = new URL('../dist/', import.meta.url).pathname;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ADMIN = { login: 'admin', password: 'bench-admin-password' };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function rawSize(path) {
  const file = path === '/' || !path.includes('.') ? 'index.html' : path.slice(1);
  return (await readFile(join(DIST, file))).length;
}

async function signIn(url) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($i: LoginInput!) { login(input: $i) { accessToken refreshToken expiresIn user { id username email role } } }',
      variables: { i: ADMIN },
    }),
  });
  return (await res.json()).data.login;
}

/** A signed-in browser, as after a reload: the session is read from localStorage before any app code runs. */
async function signedInContext(auth) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(
    ([refresh, access]) => {
      localStorage.setItem('trae.refreshToken', refresh);
      localStorage.setItem('trae.accessToken', access);
    },
    [
      auth.refreshToken,
      JSON.stringify({
        token: auth.accessToken,
        issuedAt: Date.now(),
        expiresIn: auth.expiresIn,
        user: auth.user,
      }),
    ],
  );
  return context;
}

const db = await createTestDatabase('bench_client');
const platform = await startPlatform({
  databaseUrl: db.url,
  redisUrl: testRedisUrl(),
  redisPrefix: testRedisPrefix('bench-client'),
  ports: 'random',
  output: 'silent',
  env: {
    ADMIN_USERNAME: ADMIN.login,
    ADMIN_EMAIL: 'admin@bench.test',
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
  },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ARGS,
});
try {
  const heading = [];
  const withData = [];
  let firstLoad = null;
  for (let run = 0; run < RUNS; run += 1) {
    const auth = await signIn(platform.gatewayUrl);
    const context = await signedInContext(auth);
    const page = await context.newPage();
    const fetched = new Map();
    page.on('response', (r) => {
      const { pathname } = new URL(r.url());
      if (r.request().resourceType() !== 'fetch' && (pathname === '/' || pathname.startsWith('/assets/'))) {
        const headers = r.headers();
        fetched.set(pathname, {
          wire: Number(headers['content-length'] ?? 0),
          encoding: headers['content-encoding'] ?? 'none',
        });
      }
    });
    await page.goto(`${platform.gatewayUrl}/`);
    await page.locator('#overview-title').waitFor();
    heading.push(await page.evaluate('performance.now()'));
    await page.locator('.cards .card').first().waitFor();
    withData.push(await page.evaluate('performance.now()'));
    if (!firstLoad) firstLoad = [...fetched].filter(([p]) => !p.endsWith('.map'));
    await context.close();
  }
  const sizes = await Promise.all(
    firstLoad.map(async ([path, sent]) => ({ path, ...sent, raw: await rawSize(path) })),
  );
  const total = sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, wire: sum.wire + s.wire }), {
    raw: 0,
    wire: 0,
  });
  console.log('First load of Overview (what the browser fetched):');
  for (const s of sizes.sort((a, b) => b.wire - a.wire))
    console.log(
      `  ${s.path.padEnd(48)} ${kib(s.raw).padStart(11)} raw ${kib(s.wire).padStart(10)} sent (${s.encoding})`,
    );
  console.log(
    `  ${'total'.padEnd(48)} ${kib(total.raw).padStart(11)} raw ${kib(total.wire).padStart(10)} sent   (goal < 250 KiB)`,
  );
  console.log(
    `Time to Overview heading, median of ${RUNS}: ${median(heading).toFixed(0)} ms  [${heading.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `Time to Overview with health data, median of ${RUNS}: ${median(withData).toFixed(0)} ms  [${withData.map((t) => t.toFixed(0)).join(', ')}]   (goal < 1500 ms)`,
  );
  const auth = await signIn(platform.gatewayUrl);
  const context = await signedInContext(auth);
  await benchTaskEvents(context, platform.gatewayUrl, auth.accessToken);
  await context.close();
} finally {
  await browser.close();
  await platform.stop();
  await db.drop();
}
