import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecoveryCli } from '../src/commands.js';
import {
  backupTargetOf,
  createBackup,
  loadRecoveryConfig,
  type RemoteStore,
  remoteOf,
} from '../src/index.js';
import { counts, createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';
import { type LocalS3, startLocalS3 } from './support/s3.js';

describe('backups to an S3-compatible bucket', () => {
  let f: Fixture;
  let s3: LocalS3;
  let remote: RemoteStore;
  let env: NodeJS.ProcessEnv;
  const keys = async () => {
    const page = await remote.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (page.Contents ?? []).map((o) => o.Key!).sort();
  };
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRecoveryCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    [f, s3] = await Promise.all([createFixture('s3'), startLocalS3()]);
    env = { DATABASE_URL: f.db.url, FILES_DIR: f.filesDir, BACKUP_DIR: f.backupDir, ...s3.env };
    remote = remoteOf(loadRecoveryConfig(REPO_ROOT, env))!;
  });
  afterAll(async () => {
    remote?.client.destroy();
    await Promise.all([f.cleanup(), s3.stop()]);
  });

  it('copies each backup off the machine, blobs incrementally, and restores from the bucket alone', async () => {
    const config = loadRecoveryConfig(REPO_ROOT, env);
    const first = await createBackup({ ...backupTargetOf(config, f.db.url), repoRoot: REPO_ROOT });
    const blobKeys = async () => (await keys()).filter((k) => k.startsWith('site-a/blobs/'));
    expect(await keys()).toEqual(
      expect.arrayContaining([
        `site-a/${first.id}/database.dump`,
        `site-a/${first.id}/settings.json`,
        `site-a/${first.id}/manifest.json`,
      ]),
    );
    expect(await blobKeys()).toHaveLength(3);

    f.addBlob(randomBytes(5_000));
    const second = await createBackup({ ...backupTargetOf(config, f.db.url), repoRoot: REPO_ROOT });
    expect(await blobKeys()).toHaveLength(4);
    const atBackup = await counts(f);
    const blobsAtBackup = await f.liveBlobs();

    // The machine is lost: BACKUP_DIR is gone, rows and files with it.
    rmSync(f.backupDir, { recursive: true, force: true });
    await f.sql('delete from accounts.users');
    rmSync(join(f.filesDir, 'blobs'), { recursive: true, force: true });

    const list = await run('list');
    expect(list.out).toContain('s3://trae-backups/site-a/: 2 backups');
    expect(list.out).toMatch(new RegExp(`^${second.id} +s3 only`, 'm'));

    const restored = await run('restore', 'latest', '--force', '--no-migrate');
    expect(restored.err).toBe('');
    expect(restored.out).toContain(`s3: backup ${second.id} fetched (`);
    expect(restored.out).toContain(`✔ restored ${second.id}`);
    expect(await counts(f)).toEqual(atBackup);
    expect(await f.liveBlobs()).toEqual(blobsAtBackup);

    const verify = await run('verify', first.id);
    expect(verify).toMatchObject({ code: 0, out: expect.stringContaining(`✔ backup ${first.id} is good`) });
  });

  it('fails the backup, naming the bucket, when the copy cannot be made', async () => {
    const config = loadRecoveryConfig(REPO_ROOT, { ...env, BACKUP_S3_BUCKET: 'no-such-bucket' });
    await expect(createBackup({ ...backupTargetOf(config, f.db.url), repoRoot: REPO_ROOT })).rejects.toThrow(
      /is complete in BACKUP_DIR, but its copy to s3:\/\/no-such-bucket failed/,
    );
  });
});
