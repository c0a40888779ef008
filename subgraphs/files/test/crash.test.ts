import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { freePort } from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from './support/bytes.js';
import { GATEWAY } from './support/harness.js';
import { type StandIns, startStandIns, type TestUser } from './support/stand-ins.js';

const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SECRET = 'test-internal-secret-123';
const SIZE = 8 * 1024 * 1024;

/** The built `trae-files` as a real process, so a SIGKILL is a real crash mid-upload. */
describe('a files process killed mid-upload', () => {
  let db: TestDatabase;
  let stands: StandIns;
  let dir: string;
  let port: number;
  let child: ChildProcess | undefined;
  let sql: pg.Client;
  let alice: TestUser;
  const base = () => `http://127.0.0.1:${port}`;
  const staging = () => readdir(join(dir, 'staging')).catch(() => [] as string[]);

  const boot = async () => {
    const started = Date.now();
    child = spawn(process.execPath, [ENTRY], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: testRedisPrefix('files-crash'),
        IDENTITY_URL: stands.url,
        CHANNELS_URL: stands.url,
        GATEWAY_URL: GATEWAY,
        INTERNAL_SECRET: SECRET,
        FILES_DIR: dir,
        FILES_SIGNING_SECRET: 'test-signing-secret-123',
        FILES_INSTANCE_ID: 'files-crash-test',
        LOG_SHIPPING: 'off',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const proc = child;
    while ((await fetch(`${base()}/ready`).catch(() => null))?.status !== 200) {
      if (proc.exitCode !== null || Date.now() - started > 30_000) throw new Error('files did not start');
      await sleep(100);
    }
    return Date.now() - started;
  };
  const kill = async () => {
    const dying = child!;
    const gone = new Promise((resolve) => dying.once('exit', resolve));
    dying.kill('SIGKILL');
    await gone;
  };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: {
        ...gatewayHeaders(SECRET),
        'content-type': 'application/json',
        authorization: `Bearer ${alice.token}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    return ((await res.json()) as { data: T }).data;
  };
  const usage = () =>
    gql<{ storageUsage: { usedBytes: number; fileCount: number } }>(
      '{ storageUsage { usedBytes fileCount } }',
    ).then((d) => d.storageUsage);
  const row = async (id: string) =>
    (await sql.query('select status, lease_owner from files.files where id = $1', [id])).rows[0];

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build the package first (npm run build)`);
    db = await createTestDatabase('files_crash');
    stands = await startStandIns(SECRET);
    dir = await mkdtemp(join(tmpdir(), 'trae-files-crash-'));
    port = await freePort();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    alice = await stands.user();
    await boot();
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) await kill();
    await sql?.end();
    await stands?.stop();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves nothing behind after the restart, charges the quota once, and takes the same URL again', async () => {
    const bytes = png(SIZE - png().length);
    const ticket = (
      await gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
        `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { file { id } uploadUrl } }`,
        { input: { filename: 'big.png', contentType: 'image/png', size: bytes.length } },
      )
    ).createUpload;
    const gatewayUrl = new URL(ticket.uploadUrl);
    const url = `${base()}${gatewayUrl.pathname}${gatewayUrl.search}`;

    // Half the bytes, then the process dies with the connection open.
    const req = httpRequest(url, { method: 'PUT', headers: { 'content-length': bytes.length } });
    req.on('error', () => undefined);
    req.write(bytes.subarray(0, SIZE / 2));
    await expect
      .poll(
        async () => {
          const [name] = await staging();
          return name ? (await stat(join(dir, 'staging', name))).size : 0;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(SIZE / 4);
    await kill();
    req.destroy();
    expect(await row(ticket.file.id)).toMatchObject({ status: 'UPLOADING', lease_owner: 'files-crash-test' });
    expect(await staging()).toHaveLength(1);

    const bootMs = await boot();
    expect(bootMs).toBeLessThan(30_000);
    expect(await staging()).toEqual([]);
    expect(await row(ticket.file.id)).toMatchObject({ status: 'PENDING', lease_owner: null });
    // The open ticket is the only charge: the dead attempt adds nothing.
    expect(await usage()).toEqual({ usedBytes: bytes.length, fileCount: 0 });

    const retry = await fetch(url, { method: 'PUT', body: bytes });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toMatchObject({
      status: 'READY',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(await staging()).toEqual([]);
    expect(await usage()).toEqual({ usedBytes: bytes.length, fileCount: 1 });
  }, 90_000);
});
