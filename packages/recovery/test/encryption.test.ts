import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@trae/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBlobPath } from '../src/blob-store.js';
import {
  createBackup,
  keyIdOf,
  loadRecoveryConfig,
  type Manifest,
  parseKey,
  restoreBackup,
  verifyBackup,
} from '../src/index.js';
import { counts, createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

describe('encrypted backups', () => {
  let f: Fixture;
  let manifest: Manifest;
  const key = randomBytes(32);
  const target = () => ({ databaseUrl: f.db.url, filesDir: f.filesDir, backupDir: f.backupDir });

  beforeAll(async () => {
    f = await createFixture('crypto');
    manifest = await createBackup({ ...target(), key, repoRoot: REPO_ROOT });
  });
  afterAll(() => f.cleanup());

  it('stores every artifact and blob as AES-256-GCM ciphertext', () => {
    expect(manifest.encryption).toEqual({ algorithm: 'aes-256-gcm', keyId: keyIdOf(key) });
    expect(manifest.artifacts.map((a) => a.name)).toEqual([
      'database.dump.enc',
      'settings.json.enc',
      'supergraph.graphql.enc',
    ]);
    const settings = readFileSync(join(f.backupDir, manifest.id, 'settings.json.enc'));
    expect(settings.includes('REDIS_PREFIX')).toBe(false);
    const sha = f.blobs[0];
    const live = readFileSync(join(f.filesDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
    const stored = readFileSync(storedBlobPath(f.backupDir, sha, { keyId: keyIdOf(key) }));
    expect(stored.length).toBe(live.length + 36);
    expect(stored.includes(live.subarray(100, 132))).toBe(false);
  });

  it('verifies and restores with the right key', async () => {
    const before = await counts(f);
    const blobs = await f.liveBlobs();
    expect(
      await verifyBackup({ backupDir: f.backupDir, id: manifest.id, key, databaseUrl: f.db.url }),
    ).toMatchObject({ ok: true });
    await f.sql('delete from accounts.sessions');
    await f.sql('delete from uploads.files');
    await restoreBackup({ ...target(), id: manifest.id, key, force: true });
    expect(await counts(f)).toEqual(before);
    expect(await f.liveBlobs()).toEqual(blobs);
  });

  it('refuses another key and a missing key, saying which', async () => {
    const other = randomBytes(32);
    const wrong = await verifyBackup({
      backupDir: f.backupDir,
      id: manifest.id,
      key: other,
      databaseUrl: f.db.url,
    });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toBe(
      `BACKUP_ENCRYPTION_KEY is not the key backup ${manifest.id} was made with (key id ${keyIdOf(other)}, the backup's ${keyIdOf(key)})`,
    );
    const none = await verifyBackup({ backupDir: f.backupDir, id: manifest.id, databaseUrl: f.db.url });
    expect(none.problems[0]).toContain('is encrypted');
    await expect(
      restoreBackup({ ...target(), id: manifest.id, key: other, force: true }),
    ).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
  });

  it('takes a key as base64 or hex and refuses anything else by name, without echoing it', () => {
    const key32 = randomBytes(32);
    expect(parseKey(key32.toString('base64')).equals(key32)).toBe(true);
    expect(parseKey(key32.toString('hex')).equals(key32)).toBe(true);
    const short = randomBytes(16).toString('base64');
    const load = () => loadRecoveryConfig(REPO_ROOT, { BACKUP_ENCRYPTION_KEY: short });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/BACKUP_ENCRYPTION_KEY: must be 32 bytes/);
    expect(load).not.toThrow(short);
  });
});
