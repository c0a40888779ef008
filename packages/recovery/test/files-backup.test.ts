import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveBlobPath, storedBlobPath } from '../src/blob-store.js';
import { namedBlobs } from '../src/database.js';
import { filesBackup } from '../src/files-backup.js';
import { BACKUP_ID, createBackup, verifyBackup } from '../src/index.js';
import { createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files backup: one walk, blobs held until copied', () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await createFixture('files');
    // The files subgraph's own table, which names the blobs its rows need.
    await f.sql(`create schema files;
      create table files.mikro_orm_migrations (id serial primary key, name varchar(255));
      insert into files.mikro_orm_migrations (name) values ('Migration20261201');
      create table files.files (id serial primary key, sha256 varchar(64), status text not null)`);
    for (const sha of f.blobs)
      await f.sql(`insert into files.files (sha256, status) values ($1, 'READY')`, [sha]);
    await f.sql(`insert into files.files (sha256, status) values (null, 'PENDING')`);
  });
  afterAll(() => f.cleanup());

  it('keeps a blob deleted from FILES_DIR after the walk, and the backup verifies', async () => {
    const [gone] = f.blobs;
    const bytes = readFileSync(liveBlobPath(f.filesDir, gone));
    let heldAtDelete = false;
    const manifest = await createBackup({
      databaseUrl: f.db.url,
      filesDir: f.filesDir,
      backupDir: f.backupDir,
      repoRoot: REPO_ROOT,
      // As the files service would on a delete: the blob leaves FILES_DIR at once, before the copy.
      onProgress: (line) => {
        if (!line.startsWith('files held')) return;
        const [folder] = readdirSync(f.backupDir).filter((n) => BACKUP_ID.test(n));
        heldAtDelete = existsSync(join(f.backupDir, folder, '.held', gone));
        rmSync(liveBlobPath(f.filesDir, gone));
      },
    });

    expect(heldAtDelete).toBe(true); // a hard link, not yet a copy
    expect(existsSync(liveBlobPath(f.filesDir, gone))).toBe(false);
    expect('blobs' in manifest.files && manifest.files.blobs.map((b) => b.sha256).sort()).toEqual(
      [...f.blobs].sort(),
    );
    expect(sha256(readFileSync(storedBlobPath(f.backupDir, gone)))).toBe(sha256(bytes));
    expect(existsSync(`${f.backupDir}/${manifest.id}/.held`)).toBe(false);
    const report = await verifyBackup({ backupDir: f.backupDir, id: manifest.id, databaseUrl: f.db.url });
    expect(report).toMatchObject({ ok: true, problems: [] });
  });

  it('reads the blobs the files rows name in the dump snapshot', async () => {
    const client = new pg.Client({ connectionString: f.db.url });
    await client.connect();
    try {
      expect((await namedBlobs(client, ['files', 'accounts'])).sort()).toEqual([...f.blobs].sort());
      expect(await namedBlobs(client, ['accounts'])).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('copies a named blob the walk did not see, and names one deleted before it could be copied', async () => {
    const backupDir = `${f.backupDir}-direct`;
    let onBlobs = 0;
    const files = filesBackup(f.filesDir, backupDir, `${backupDir}/hold`, undefined, () => void onBlobs++);
    await files.hold();
    const present = [...f.blobs.slice(1)]; // the first was deleted by the test above
    const late = f.addBlob(randomBytes(3_000)); // uploaded between the walk and the snapshot
    const lost = sha256(Buffer.from('never stored'));

    const result = await files.copy([late, lost]);

    expect(result.blobs.map((b) => b.sha256).sort()).toEqual([...present, late].sort());
    expect(result.lost).toEqual([lost]);
    expect(result.damaged).toEqual([]);
    expect(onBlobs).toBe(result.blobs.length);
    expect(sha256(readFileSync(storedBlobPath(backupDir, late)))).toBe(late);
    expect(existsSync(`${backupDir}/hold`)).toBe(false);
    rmSync(backupDir, { recursive: true, force: true });
  });
});
