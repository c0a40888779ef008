import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveBlobPath, storedBlobPath } from '../src/blob-store.js';
import { createBackup, lastGoodBackup, listBackups, type Manifest, pruneBackups } from '../src/index.js';
import { createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

const DAY = 86_400_000;

describe('pruneBackups', () => {
  let f: Fixture;
  let first: Manifest;
  let second: Manifest;
  let onlyInFirst: string;
  const target = () => ({ databaseUrl: f.db.url, filesDir: f.filesDir, backupDir: f.backupDir });

  beforeAll(async () => {
    f = await createFixture('prune');
    onlyInFirst = f.addBlob(randomBytes(4_000));
    first = await createBackup({ ...target(), repoRoot: REPO_ROOT });
    rmSync(liveBlobPath(f.filesDir, onlyInFirst));
    second = await createBackup({ ...target(), repoRoot: REPO_ROOT });
  });
  afterAll(() => f.cleanup());

  it('keeps everything inside the retention', async () => {
    const result = await pruneBackups({ backupDir: f.backupDir, retentionDays: 30 });
    expect(result).toMatchObject({ removed: [], blobsRemoved: 0 });
    expect(result.kept).toEqual([second.id, first.id]);
  });

  it('removes old backups and the blobs only they held, but always keeps the newest complete one', async () => {
    const stale = '20200101T000000Z-0000';
    mkdirSync(join(f.backupDir, stale));
    utimesSync(join(f.backupDir, stale), new Date('2020-01-01'), new Date('2020-01-01'));
    const result = await pruneBackups({
      backupDir: f.backupDir,
      retentionDays: 30,
      now: new Date(Date.now() + 40 * DAY),
    });
    expect(result.removed.sort()).toEqual([stale, first.id].sort());
    expect(result.kept).toEqual([second.id]);
    expect(result).toMatchObject({ blobsRemoved: 1, bytesFreed: 4_000 });
    expect(existsSync(storedBlobPath(f.backupDir, onlyInFirst))).toBe(false);
    for (const sha of f.blobs.filter((s) => s !== onlyInFirst))
      expect(existsSync(storedBlobPath(f.backupDir, sha))).toBe(true);
    expect((await listBackups(f.backupDir)).map((b) => b.id)).toEqual([second.id]);
  });
});

describe('the last good backup', () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await createFixture('last_good');
  });
  afterAll(() => f.cleanup());

  it('is the newest complete backup verify did not refuse, and pruning keeps it', async () => {
    const target = {
      databaseUrl: f.db.url,
      filesDir: f.filesDir,
      backupDir: f.backupDir,
      repoRoot: REPO_ROOT,
    };
    expect(await lastGoodBackup(f.backupDir)).toBeNull();
    const good = await createBackup(target);
    const refused = await createBackup(target);
    mkdirSync(join(f.backupDir, '29990101T000000Z-0000'));
    writeFileSync(
      join(f.backupDir, refused.id, 'verification.json'),
      JSON.stringify({ verifiedAt: new Date().toISOString(), ok: false, problems: ['artifact x: damaged'] }),
    );

    const last = await lastGoodBackup(f.backupDir);
    expect(last?.id).toBe(good.id);
    expect(Math.abs(last!.createdAt.getTime() - Date.parse(good.createdAt))).toBeLessThan(1_000);
    const listed = await listBackups(f.backupDir);
    expect(listed.find((b) => b.id === refused.id)?.verification).toMatchObject({
      ok: false,
      problems: ['artifact x: damaged'],
    });

    const result = await pruneBackups({
      backupDir: f.backupDir,
      retentionDays: 1,
      now: new Date(Date.now() + 10 * DAY),
    });
    expect(result.kept.sort()).toEqual([good.id, refused.id].sort());
  });
});
