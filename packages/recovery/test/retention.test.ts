import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseBackup } from '../src/base-backup.js';
import { liveBlobPath, storedBlobPath } from '../src/blob-store.js';
import {
  backupTargetOf,
  createBackup,
  loadRecoveryConfig,
  type Manifest,
  pruneBackups,
} from '../src/index.js';
import { newBackupId } from '../src/manifest.js';
import type { RemoteStore } from '../src/remote-objects.js';
import { archiveSegment, walDir } from '../src/wal-archive.js';
import { createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';
import { type LocalS3, startLocalS3 } from './support/s3.js';

const DAY = 86_400_000;
const segment = (n: number) => `0000000100000000000000${n.toString(16).toUpperCase().padStart(2, '0')}`;

describe('retention of dumps, base backups and WAL, locally and in the bucket', () => {
  let f: Fixture;
  let s3: LocalS3;
  let remote: RemoteStore;
  let first: Manifest;
  let second: Manifest;
  let onlyInFirst: string;
  const bases: Record<'oldest' | 'older' | 'newest', BaseBackup> = {} as never;
  const keys = async () =>
    ((await remote.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? [])
      .map((o) => o.Key!)
      .sort();
  const put = (key: string, body: string) =>
    remote.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `site-a/${key}`, Body: body }));

  /** A base backup as createBaseBackup records it (the tar's content does not matter to retention). */
  async function base(startedAt: Date, startWal: string, where: { local: boolean; remote: boolean }) {
    const b: BaseBackup = {
      id: newBackupId(startedAt),
      startedAt: startedAt.toISOString(),
      completedAt: startedAt.toISOString(),
      major: 18,
      startWal,
      archive: { name: 'data.tar', size: 3, sha256: '0'.repeat(64) },
      encryption: null,
    };
    const json = JSON.stringify(b);
    if (where.local) {
      mkdirSync(join(f.backupDir, 'base', b.id), { recursive: true });
      writeFileSync(join(f.backupDir, 'base', b.id, 'data.tar'), 'tar');
      writeFileSync(join(f.backupDir, 'base', b.id, 'base.json'), json);
    }
    if (where.remote) {
      await put(`base/${b.id}/data.tar`, 'tar');
      await put(`base/${b.id}/base.json`, json);
    }
    return b;
  }

  beforeAll(async () => {
    [f, s3] = await Promise.all([createFixture('retention'), startLocalS3()]);
    const config = loadRecoveryConfig(REPO_ROOT, { BACKUP_DIR: f.backupDir, ...s3.env });
    const target = { ...backupTargetOf(config, f.db.url), filesDir: f.filesDir, repoRoot: REPO_ROOT };
    remote = target.remote!;
    onlyInFirst = f.addBlob(randomBytes(4_000));
    first = await createBackup(target);
    rmSync(liveBlobPath(f.filesDir, onlyInFirst));
    second = await createBackup(target);

    const now = Date.now();
    bases.oldest = await base(new Date(now - 3 * DAY), segment(2), { local: false, remote: true });
    bases.older = await base(new Date(now - 2 * DAY), segment(3), { local: true, remote: false });
    bases.newest = await base(new Date(now - DAY), segment(5), { local: true, remote: true });
    const scratch = join(f.backupDir, '..', 'pg_wal');
    mkdirSync(scratch, { recursive: true });
    const archive = { backupDir: f.backupDir, remote };
    for (const name of [
      ...[1, 2, 3, 4, 5, 6, 7].map(segment),
      `${segment(3)}.00000028.backup`,
      '00000002.history',
    ]) {
      writeFileSync(join(scratch, name), randomBytes(512));
      await archiveSegment(archive, join(scratch, name), name);
    }
  });
  afterAll(async () => {
    remote?.client.destroy();
    await Promise.all([f.cleanup(), s3.stop()]);
  });

  it('keeps every backup inside the retention, and only the WAL older than the oldest base goes', async () => {
    const result = await pruneBackups({ backupDir: f.backupDir, retentionDays: 30, remote });
    expect(result).toMatchObject({
      removed: [],
      basesRemoved: [],
      wal: { local: 1, remote: 1 },
      remote: { backupsRemoved: [], blobsRemoved: 0 },
    });
  });

  it('drops what is past it, keeps the newest of each, and the WAL the oldest kept base needs', async () => {
    const result = await pruneBackups({
      backupDir: f.backupDir,
      retentionDays: 30,
      remote,
      now: new Date(Date.now() + 40 * DAY),
    });

    expect(result.removed).toEqual([first.id]);
    expect(result.basesRemoved.sort()).toEqual([bases.oldest.id, bases.older.id].sort());
    expect(readdirSync(join(f.backupDir, 'base'))).toEqual([bases.newest.id]);
    // Segments 2-4 and the .backup file of segment 3 serve no kept base now; 5-7 and the history stay.
    expect(result.wal).toEqual({ local: 4, remote: 4 });
    const kept = [segment(5), segment(6), segment(7), '00000002.history'].sort();
    expect(readdirSync(walDir(f.backupDir)).sort()).toEqual(kept);
    expect(result.remote).toEqual({ backupsRemoved: [first.id], blobsRemoved: 1 });

    const bucket = await keys();
    expect(bucket.filter((k) => k.startsWith('site-a/wal/'))).toEqual(kept.map((n) => `site-a/wal/${n}`));
    expect(bucket.filter((k) => k.startsWith('site-a/base/'))).toEqual(
      [`site-a/base/${bases.newest.id}/base.json`, `site-a/base/${bases.newest.id}/data.tar`].sort(),
    );
    expect(bucket.some((k) => k.startsWith(`site-a/${first.id}/`))).toBe(false);
    expect(bucket).toContain(`site-a/${second.id}/manifest.json`);
    const blobKey = (sha: string) => `site-a/${storedBlobPath('', sha)}`;
    expect(bucket).not.toContain(blobKey(onlyInFirst));
    for (const sha of f.blobs.filter((s) => s !== onlyInFirst)) expect(bucket).toContain(blobKey(sha));
  });
});
