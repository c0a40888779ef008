import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@trae/kit/testing';
import { applyMigrations, createBackup, type Manifest, restoreBackup, verifyBackup } from '@trae/recovery';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

const REPO = new URL('../../', import.meta.url).pathname;
const ALICE = { login: 'alice', password: 'alice drill password 1' };
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }';
const TASK = 'mutation { createTask(input: { agent: "system", type: "noop" }) { id } }';
const UPLOAD = 'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }';
const STATE = `{ channels(first: 10) { totalCount edges { node { name status } } }
  tasks(first: 50) { totalCount } files(first: 10) { edges { node { id sha256 downloadUrl } } } }`;

type State = {
  users: number;
  channels: { totalCount: number; edges: { node: { name: string; status: string } }[] };
  tasks: { totalCount: number };
  files: { edges: { node: { id: string; sha256: string; downloadUrl: string } }[] };
};

/** Exact row counts of every table the backup covered, `schema.table` -> rows. */
async function rowCounts(url: string, manifest: Manifest): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const { schema, table } of manifest.database.tables) {
      const { rows } = await client.query(`select count(*)::int as n from "${schema}"."${table}"`);
      out[`${schema}.${table}`] = rows[0].n;
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('restore drill: backup, change and delete, restore, everything as at backup time', () => {
  let db: TestDatabase;
  let p: Platform | undefined;
  let manifest: Manifest;
  let atBackup: State;
  const root = mkdtempSync(join(tmpdir(), 'trae-e2e-restore-drill-'));
  const filesDir = join(root, 'files');
  const backupDir = join(root, 'backups');
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256 * 1024)]);
  const boot = () => bootPlatform('restore-drill', { FILES_DIR: filesDir }, { databaseUrl: db.url });
  /** What alice sees of her data, and how many users the admin sees. */
  const state = async (): Promise<State> => {
    const users = await p!.gql<{ users: { totalCount: number } }>(
      '{ users(first: 1) { totalCount } }',
      {},
      await p!.login(),
    );
    const mine = await p!.gql<Omit<State, 'users'>>(STATE, {}, await p!.login(ALICE));
    expect(mine.errors).toBeUndefined();
    return { users: users.data!.users.totalCount, ...mine.data! };
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e_restore_drill');
    p = await boot();
    const alice = (
      await p.gql<{ register: { accessToken: string } }>(REGISTER, {
        i: { username: ALICE.login, email: 'alice@e2e.test', password: ALICE.password },
      })
    ).data!.register.accessToken;
    await p.gql(
      'mutation { createChannel(input: { name: "Drill Kitchen", platform: BLOG }) { id } }',
      {},
      alice,
    );
    for (let i = 0; i < 3; i++) expect((await p.gql(TASK, {}, alice)).errors).toBeUndefined();
    const upload = await p.gql<{ createUpload: { uploadUrl: string } }>(
      UPLOAD,
      { i: { filename: 'drill.pdf', contentType: 'application/pdf', size: pdf.length } },
      alice,
    );
    expect((await fetch(upload.data!.createUpload.uploadUrl, { method: 'PUT', body: pdf })).status).toBe(201);
    atBackup = await state();
  });
  afterAll(async () => {
    await p?.stop();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up the running platform as an operator would, and verifies the backup', async () => {
    manifest = await createBackup({ databaseUrl: db.url, filesDir, backupDir, repoRoot: REPO });
    expect(manifest.database.schemas).toEqual(
      expect.arrayContaining(['channels', 'files', 'identity', 'observability', 'tasks', 'webhooks']),
    );
    const rows = (s: string, t: string) =>
      manifest.database.tables.find((x) => x.schema === s && x.table === t)?.rows;
    expect(rows('identity', 'users')).toBe(atBackup.users);
    expect(rows('channels', 'channels')).toBe(1);
    expect('blobs' in manifest.files && manifest.files.blobs.map((b) => b.sha256)).toContain(
      createHash('sha256').update(pdf).digest('hex'),
    );
    expect(await verifyBackup({ backupDir, id: manifest.id, databaseUrl: db.url })).toMatchObject({
      ok: true,
    });
  });

  it('refuses to restore while the platform holds the database', async () => {
    await expect(
      restoreBackup({ databaseUrl: db.url, filesDir, backupDir, id: manifest.id, force: false }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('the platform is still running'),
      extensions: { code: 'CONFLICT' },
    });
  });

  it('after changes and deletions, restores rows and files exactly, and the platform serves them again', async () => {
    const bob = await p!.gql(REGISTER, {
      i: { username: 'bob', email: 'bob@e2e.test', password: 'bob drill password 1' },
    });
    expect(bob.errors).toBeUndefined();
    const alice = await p!.login(ALICE);
    const fileId = atBackup.files.edges[0].node.id;
    expect(
      (await p!.gql<{ deleteFile: boolean }>(`mutation { deleteFile(id: "${fileId}") }`, {}, alice)).data,
    ).toEqual({ deleteFile: true });
    await p!.gql(TASK, {}, alice);
    expect((await state()).users).toBe(atBackup.users + 1);
    await p!.stop();
    p = undefined;

    await restoreBackup({ databaseUrl: db.url, filesDir, backupDir, id: manifest.id, force: true });
    const expected = Object.fromEntries(
      manifest.database.tables.map((t) => [`${t.schema}.${t.table}`, t.rows]),
    );
    expect(await rowCounts(db.url, manifest)).toEqual(expected);
    await applyMigrations({ databaseUrl: db.url, repoRoot: REPO });

    p = await boot();
    const after = await state();
    expect(after.users).toBe(atBackup.users);
    expect(after.channels).toEqual(atBackup.channels);
    expect(after.tasks.totalCount).toBe(atBackup.tasks.totalCount);
    expect(after.files.edges.map((e) => e.node.id)).toEqual([fileId]);
    const download = await fetch(after.files.edges[0].node.downloadUrl);
    expect(download.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await download.arrayBuffer()))
        .digest('hex'),
    ).toBe(atBackup.files.edges[0].node.sha256);
    expect(await p.login(ALICE)).toMatch(/^ey/);
    const bobLogin = await p.gql(
      'mutation { login(input: { login: "bob", password: "bob drill password 1" }) { accessToken } }',
    );
    expect(bobLogin.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a corrupted backup in verify, naming the artifact', async () => {
    const path = join(backupDir, manifest.id, 'database.dump');
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(path, bytes);
    const report = await verifyBackup({ backupDir, id: manifest.id, databaseUrl: db.url });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(/^artifact database\.dump: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}/),
    ]);
  });
});
