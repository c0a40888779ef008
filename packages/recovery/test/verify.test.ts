import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveBlobPath, storedBlobPath } from '../src/blob-store.js';
import { createBackup, listBackups, type Manifest, restoreBackup, verifyBackup } from '../src/index.js';
import { corrupt, counts, createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

describe('verifyBackup', () => {
  let f: Fixture;
  let good: Manifest;
  let tampered: Manifest;
  const target = () => ({ databaseUrl: f.db.url, filesDir: f.filesDir, backupDir: f.backupDir });

  beforeAll(async () => {
    f = await createFixture('verify');
    good = await createBackup({ ...target(), repoRoot: REPO_ROOT });
    tampered = await createBackup({ ...target(), repoRoot: REPO_ROOT });
  });
  afterAll(() => f.cleanup());

  it('passes a good backup: checksums, pg_restore --list and a trial restore with matching counts', async () => {
    const lines: string[] = [];
    const report = await verifyBackup({
      backupDir: f.backupDir,
      id: good.id,
      databaseUrl: f.db.url,
      onProgress: (l) => lines.push(l),
    });
    expect(report).toMatchObject({ ok: true, problems: [], blobsChecked: 3, tablesCompared: 5 });
    expect(report.archiveEntries).toBeGreaterThan(10);
    expect(lines).toContain('database: trial restore into a scratch database');
    const scratch = await f.sql(
      `select count(*)::int as n from pg_database where datname like 'trae_verify_%'`,
    );
    expect(scratch.rows[0].n).toBe(0);
    const listed = (await listBackups(f.backupDir)).find((b) => b.id === good.id);
    expect(listed?.verification).toMatchObject({ ok: true });
  });

  it('refuses a corrupted dump, naming it with the expected and actual hash', async () => {
    const dump = tampered.artifacts.find((a) => a.name === 'database.dump')!;
    corrupt(join(f.backupDir, tampered.id, 'database.dump'));
    const report = await verifyBackup({ backupDir: f.backupDir, id: tampered.id, databaseUrl: f.db.url });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(
        new RegExp(`^artifact database.dump: expected sha256 ${dump.sha256}, got [0-9a-f]{64}`),
      ),
    ]);
    const listed = (await listBackups(f.backupDir)).find((b) => b.id === tampered.id);
    expect(listed?.verification).toMatchObject({ ok: false });
  });

  it('names a damaged blob, and restore of that backup changes nothing', async () => {
    const sha = f.blobs[1];
    corrupt(storedBlobPath(f.backupDir, sha));
    const report = await verifyBackup({ backupDir: f.backupDir, id: good.id, databaseUrl: f.db.url });
    expect(report.problems).toEqual([
      expect.stringMatching(new RegExp(`^blob ${sha}: expected sha256 ${sha}, got `)),
    ]);
    await f.sql(`insert into accounts.users (name) values ('after the backup')`);
    // Lost from FILES_DIR too, so the restore needs the backup's (damaged) copy: a restore reads a
    // blob of the backup only where the live store lacks it or holds other bytes.
    rmSync(liveBlobPath(f.filesDir, sha));
    const before = await counts(f);
    await expect(restoreBackup({ ...target(), id: good.id, force: true })).rejects.toMatchObject({
      message: expect.stringContaining('cannot be restored; nothing was changed'),
      extensions: { code: 'CONFLICT' },
    });
    expect(await counts(f)).toEqual(before);
    expect(existsSync(liveBlobPath(f.filesDir, sha))).toBe(false);
  });

  it('never lists a backup without its manifest as good, and says so when asked for it', async () => {
    mkdirSync(join(f.backupDir, '20261201T101500Z-abcd'));
    const listed = (await listBackups(f.backupDir)).find((b) => b.id === '20261201T101500Z-abcd');
    expect(listed?.status).toBe('incomplete');
    await expect(
      verifyBackup({ backupDir: f.backupDir, id: '20261201T101500Z-abcd', databaseUrl: f.db.url }),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('refuses an id that is not one', async () => {
    await expect(
      verifyBackup({ backupDir: f.backupDir, id: '../../etc', databaseUrl: f.db.url }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
  });
});
