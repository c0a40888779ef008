import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../src/index.js';
import { createFixture, type Fixture, REPO_ROOT } from './support/fixture.js';

/** This process's children running `name` (ps: its direct children only). */
const children = (name: string) =>
  execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim().endsWith(name));

describe('cancelling a backup', () => {
  let f: Fixture;
  let holder: pg.Client;

  beforeAll(async () => {
    f = await createFixture('cancel');
    // A session holding an exclusive lock: pg_dump waits on it for as long as it is held.
    holder = new pg.Client({ connectionString: f.db.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table accounts.users in access exclusive mode');
  });
  afterAll(async () => {
    await holder.query('rollback').catch(() => {});
    await holder.end();
    await f.cleanup();
  });

  it('kills its pg_dump, fails with the abort reason and leaves no half-written backup', async () => {
    const abort = new AbortController();
    const backup = createBackup({
      databaseUrl: f.db.url,
      filesDir: f.filesDir,
      backupDir: f.backupDir,
      repoRoot: REPO_ROOT,
      signal: abort.signal,
    });
    backup.catch(() => {});
    await expect.poll(() => children('pg_dump').length, { timeout: 10_000 }).toBe(1);
    const waiting = async () =>
      (
        await f.sql(
          // pg_dump connects as trae-backup-<snapshot> (so its backend can be found and reniced).
          "select count(*)::int as n from pg_stat_activity where application_name like 'trae-backup-%' and datname = current_database()",
        )
      ).rows[0].n as number;
    await expect.poll(waiting, { timeout: 10_000 }).toBe(1);

    abort.abort(new Error('task cancelled'));

    await expect(backup).rejects.toThrow('task cancelled');
    expect(children('pg_dump')).toEqual([]);
    await expect.poll(waiting, { timeout: 5_000 }).toBe(0);
    expect(readdirSync(f.backupDir).filter((n) => n !== 'blobs' && !n.startsWith('.'))).toEqual([]);
  });
});
