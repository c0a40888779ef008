import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveBlobPath } from '../src/blob-store.js';
import { createBackup, listBackups, type Manifest, restoreBackup } from '../src/index.js';
import { counts, createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

describe('backup and restore', () => {
  let f: Fixture;
  let manifest: Manifest;
  let before: Record<string, number>;
  let blobsBefore: Map<string, string>;
  const target = () => ({ databaseUrl: f.db.url, filesDir: f.filesDir, backupDir: f.backupDir });

  beforeAll(async () => {
    f = await createFixture('restore');
    before = await counts(f);
    blobsBefore = await f.liveBlobs();
    manifest = await createBackup({ ...target(), repoRoot: REPO_ROOT });
  });
  afterAll(() => f.cleanup());

  it('writes a manifest of the subgraph schemas, their row counts and every blob', async () => {
    expect(manifest.database.schemas).toEqual(['accounts', 'uploads']);
    const fromManifest = Object.fromEntries(
      manifest.database.tables.map((t) => [`${t.schema}.${t.table}`, t.rows]),
    );
    expect(fromManifest).toEqual(before);
    expect(manifest.database.migrations).toEqual({
      accounts: 'Migration20261215',
      uploads: 'Migration20261201',
    });
    expect(manifest.files).toMatchObject({ blobs: expect.any(Array), copiedBytes: 45_000 });
    expect('blobs' in manifest.files && manifest.files.blobs.map((b) => b.sha256).sort()).toEqual(
      [...f.blobs].sort(),
    );
    expect(manifest.artifacts.map((a) => a.name)).toEqual([
      'database.dump',
      'settings.json',
      'supergraph.graphql',
    ]);
    const [listed] = await listBackups(f.backupDir);
    expect(listed).toMatchObject({ id: manifest.id, status: 'complete', encrypted: false });
  });

  it('keeps the settings without their secrets', () => {
    const settings = JSON.parse(readFileSync(join(f.backupDir, manifest.id, 'settings.json'), 'utf8'));
    expect(settings.variables.INTERNAL_SECRET.value).toBe('[REDACTED]');
    expect(settings.variables.FILES_SIGNING_SECRET.value).toBe('[REDACTED]');
    expect(settings.variables.REDIS_PREFIX).toEqual({ value: 'trae:', from: 'default' });
    expect(JSON.stringify(settings)).not.toContain('trae-dev-internal-secret-change-me');
  });

  it('copies only new blobs into a later backup and references the rest', async () => {
    const sha = f.addBlob(randomBytes(7_000));
    const next = await createBackup({ ...target(), repoRoot: REPO_ROOT });
    expect(next.files).toMatchObject({ copiedBytes: 7_000, totalBytes: 52_000 });
    rmSync(liveBlobPath(f.filesDir, sha));
    f.blobs.pop();
    rmSync(join(f.backupDir, next.id), { recursive: true });
  });

  it('refuses to overwrite a database that holds the schemas without force', async () => {
    await expect(restoreBackup({ ...target(), id: manifest.id })).rejects.toMatchObject({
      message: expect.stringContaining('already holds schemas accounts, uploads'),
      extensions: { code: 'CONFLICT' },
    });
  });

  it('refuses while other sessions hold the database, even with force off', async () => {
    const writer = new pg.Client({ connectionString: f.db.url, application_name: 'tasks-worker' });
    await writer.connect();
    try {
      await expect(restoreBackup({ ...target(), id: manifest.id })).rejects.toMatchObject({
        message: expect.stringMatching(
          /1 other sessions are open on the target database \(tasks-worker\).*Stop it first/,
        ),
        extensions: { code: 'CONFLICT' },
      });
    } finally {
      await writer.end();
    }
  });

  it('brings back exactly the rows and files of backup time after changes and deletions', async () => {
    await f.sql(`delete from accounts.users where name like 'user 1%'`);
    await f.sql(`insert into accounts.sessions (user_name) values ('intruder')`);
    await f.sql('drop table uploads.files');
    await f.sql('create table accounts.added_later (id int)');
    rmSync(liveBlobPath(f.filesDir, f.blobs[0]));
    const extra = f.addBlob(randomBytes(3_000));
    await f.sql(`update scratchpad.notes set body = 'changed after the backup'`);

    const summary = await restoreBackup({ ...target(), id: manifest.id, force: true });

    expect(await counts(f)).toEqual(before);
    expect(await f.liveBlobs()).toEqual(blobsBefore);
    expect(existsSync(liveBlobPath(f.filesDir, extra))).toBe(false);
    expect(summary.files).toMatchObject({ written: 1, kept: 2, removed: 1 });
    expect(summary.database).toMatchObject({ schemas: ['accounts', 'uploads'], rows: 76 });
    expect(summary.database.migrations).toEqual({
      accounts: 'Migration20261215',
      uploads: 'Migration20261201',
    });
    const names = await f.sql(
      `select name from accounts.users where name like 'user 1%' order by name limit 2`,
    );
    expect(names.rows.map((r) => r.name)).toEqual(['user 1', 'user 10']);
    // A schema that is not a subgraph's is neither backed up nor touched.
    expect((await f.sql('select body from scratchpad.notes')).rows[0].body).toBe('changed after the backup');
    expect(readdirSync(f.backupDir).filter((n) => n.startsWith('.work-'))).toEqual([]);
  });
});
