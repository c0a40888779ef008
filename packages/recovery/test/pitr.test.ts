import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EmbeddedPg, freePort, startEmbeddedPostgres } from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecoveryCli } from '../src/commands.js';
import { archiveSettings, ownForPostgres, walDir } from '../src/pitr.js';

async function sql<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("point-in-time recovery on npm start's embedded PostgreSQL", () => {
  const root = mkdtempSync(join(tmpdir(), 'trae-pitr-'));
  const backupDir = join(root, 'backups');
  const dataDir = join(root, 'postgres');
  let server: EmbeddedPg | undefined;
  let env: NodeJS.ProcessEnv;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRecoveryCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    // As root the server runs as `postgres`, which must reach the WAL archive under this folder.
    chmodSync(root, 0o755);
    mkdirSync(walDir(backupDir), { recursive: true });
    await ownForPostgres(walDir(backupDir));
    const port = await freePort();
    env = { TRAE_DATA_DIR: root, EMBEDDED_PG_PORT: String(port), BACKUP_DIR: backupDir };
    // What `BACKUP_WAL_ARCHIVE=true npm start` runs.
    server = await startEmbeddedPostgres({ dataDir, port, settings: archiveSettings(backupDir) });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('restores -- --to a moment between two writes, from a base backup and the archived WAL', async () => {
    const url = server!.url;
    await sql(url, 'create table notes (n int); insert into notes values (1)');
    const base = await run('backup', '--base');
    expect(base).toMatchObject({
      code: 0,
      out: expect.stringMatching(/✔ base backup \S+ \(PostgreSQL 18\)/),
    });

    await sql(url, 'insert into notes values (2)');
    await sleep(1_100);
    const between = new Date().toISOString();
    await sleep(1_100);
    await sql(url, 'insert into notes values (3)');
    const [{ wal }] = await sql<{ wal: string }>(url, 'select pg_walfile_name(pg_switch_wal()) as wal');
    const archived = async () =>
      (await sql<{ w: string | null }>(url, 'select last_archived_wal as w from pg_stat_archiver'))[0].w;
    await expect.poll(archived, { timeout: 20_000, interval: 200 }).toBe(wal);

    expect(await run('restore', '--to', between, '--force')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/PostgreSQL is running on port \d+: stop the platform first \(CONFLICT\)/),
    });
    await server!.stop();
    server = undefined;
    expect(await run('restore', '--to', between)).toMatchObject({
      code: 1,
      err: expect.stringContaining('pass --force to move it aside'),
    });
    expect(await run('restore', '--to', 'yesterday-ish')).toMatchObject({
      code: 1,
      err: expect.stringContaining('(BAD_USER_INPUT)'),
    });

    const restored = await run('restore', '--to', between, '--force');
    expect(restored.err).toBe('');
    expect(restored.out).toContain(`✔ recovered to ${between}`);
    const kept = /the previous data folder is (\S+)/.exec(restored.out)?.[1];
    expect(kept && existsSync(join(kept, 'PG_VERSION'))).toBe(true);

    server = await startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_PG_PORT) });
    const rows = await sql<{ n: number }>(server.url, 'select n from notes order by n');
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
  });
});
