import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecoveryCli } from '../src/commands.js';
import { findPgTools } from '../src/index.js';
import { counts, createFixture, type Fixture } from './support/fixture.js';

describe('the recovery CLI', () => {
  let f: Fixture;
  let env: NodeJS.ProcessEnv;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRecoveryCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    f = await createFixture('cli');
    env = { DATABASE_URL: f.db.url, FILES_DIR: f.filesDir, BACKUP_DIR: f.backupDir };
  });
  afterAll(() => f.cleanup());

  it('backs up, lists, verifies and restores, with progress and a summary', async () => {
    const before = await counts(f);
    const backup = await run('backup', '--prune');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/✔ backup \d{8}T\d{6}Z-[0-9a-f]{4} in /);
    expect(backup.out).toContain('2 schemas, 5 tables, 76 rows');
    expect(backup.out).toContain('3 files (');
    expect(backup.out).toMatch(/✔ pruned 0 backups older than 30 days/);

    const list = await run('list');
    expect(list.out).toMatch(/complete/);

    const verify = await run('verify', 'latest');
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.out).toMatch(
      /✔ backup .* is good: checksums, 3 blobs, \d+ archive entries, 5 tables restored and counted/,
    );

    await f.sql('delete from accounts.users');
    const refused = await run('restore', 'latest', '--no-migrate');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds schemas accounts, uploads .*pass --force \(CONFLICT\)/);

    const restored = await run('restore', 'latest', '--force', '--no-migrate');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('database: 2 schemas, 5 tables, 76 rows');
    expect(await counts(f)).toEqual(before);
  });

  it('answers bad input with a clear line and a code', async () => {
    expect(await run('verify', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^✖ id: must be a backup id .*\(BAD_USER_INPUT\)$/),
    });
    expect(await run('restore', '20200101T000000Z-0000')).toMatchObject({
      code: 1,
      err: expect.stringContaining('(NOT_FOUND)'),
    });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('usage:') });
    expect(await run('backup', '--bogus')).toMatchObject({ code: 2 });
    env = { ...env, BACKUP_ENCRYPTION_KEY: 'too-short' };
    expect(await run('list')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/BACKUP_ENCRYPTION_KEY: must be 32 bytes.*\(CONFIG\)/s),
    });
  });

  it('says which pg_dump it needs when the only one found is too old', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'trae-pgbin-'));
    try {
      for (const tool of ['pg_dump', 'pg_restore', 'psql']) {
        writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 9.6.24"\n`);
        chmodSync(join(bin, tool), 0o755);
      }
      await expect(findPgTools(f.db.url, bin)).rejects.toMatchObject({
        message: expect.stringMatching(
          new RegExp(
            `needs pg_dump, pg_restore and psql of version (\\d+) or newer; found: ${bin} \\(9\\.6\\.24\\) in BACKUP_PG_BIN_DIR.*postgresql-client-\\1`,
          ),
        ),
      });
      await expect(findPgTools(f.db.url, join(bin, 'missing'))).rejects.toMatchObject({
        message: expect.stringContaining(
          'found: no folder with pg_dump, pg_restore, psql in BACKUP_PG_BIN_DIR',
        ),
      });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
