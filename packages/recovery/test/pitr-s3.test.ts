import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type EmbeddedPg, freePort, startEmbeddedPostgres } from '@trae/launcher';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runRecoveryCli } from '../src/commands.js';
import { keyIdOf, loadRecoveryConfig, type RemoteStore, remoteOf } from '../src/index.js';
import { archiveSettings, ownForPostgres, walDir } from '../src/pitr.js';
import { REPO_ROOT } from './support/fixture.js';
import { type LocalS3, startLocalS3 } from './support/s3.js';

async function sql<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('point-in-time recovery with encrypted base backups and WAL in an S3 bucket', () => {
  const root = mkdtempSync(join(tmpdir(), 'trae-pitr-s3-'));
  const backupDir = join(root, 'backups');
  const dataDir = join(root, 'postgres');
  const key = randomBytes(32);
  let s3: LocalS3;
  let remote: RemoteStore;
  let server: EmbeddedPg | undefined;
  let env: NodeJS.ProcessEnv;
  const run = async (extra: NodeJS.ProcessEnv, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const code = await runRecoveryCli(argv, io, { ...env, ...extra });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const keys = async (prefix: string) =>
    (
      (await remote.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ??
      []
    ).map((o) => o.Key!);

  beforeAll(async () => {
    chmodSync(root, 0o755);
    mkdirSync(walDir(backupDir), { recursive: true });
    await ownForPostgres(walDir(backupDir));
    s3 = await startLocalS3();
    const port = await freePort();
    env = {
      TRAE_DATA_DIR: root,
      EMBEDDED_PG_PORT: String(port),
      BACKUP_DIR: backupDir,
      BACKUP_ENCRYPTION_KEY: key.toString('base64'),
      ...s3.env,
    };
    remote = remoteOf(loadRecoveryConfig(REPO_ROOT, env))!;
    // The server's archive_command and restore_command read the key and the bucket from its environment.
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    server = await startEmbeddedPostgres({ dataDir, port, settings: archiveSettings(backupDir, true) });
  });
  afterAll(async () => {
    await server?.stop();
    vi.unstubAllEnvs();
    remote?.client.destroy();
    await s3?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('archives to the bucket encrypted, and recovers from the bucket alone; another key is named', async () => {
    const url = server!.url;
    await sql(url, "create table notes (n int, body text); insert into notes values (1, 'plain words')");
    const base = await run({}, 'backup', '--base');
    expect(base.err).toBe('');
    expect(base.out).toMatch(/✔ base backup \S+ \(PostgreSQL 18\), encrypted; .* and the bucket/);
    const baseId = /base backup (\S+) \(/.exec(base.out)![1];

    await sql(url, "insert into notes values (2, 'plain words')");
    await sleep(1_100);
    const between = new Date().toISOString();
    await sleep(1_100);
    await sql(url, "insert into notes values (3, 'plain words')");
    const [{ wal }] = await sql<{ wal: string }>(url, 'select pg_walfile_name(pg_switch_wal()) as wal');
    const archived = async () =>
      (await sql<{ w: string | null }>(url, 'select last_archived_wal as w from pg_stat_archiver'))[0].w;
    await expect.poll(archived, { timeout: 30_000, interval: 200 }).toBe(wal);
    await server!.stop();
    server = undefined;

    const stored = `${wal}.${keyIdOf(key)}.enc`;
    expect(await keys('site-a/wal/')).toContain(`site-a/wal/${stored}`);
    expect(await keys(`site-a/base/${baseId}/`)).toEqual(
      expect.arrayContaining([`site-a/base/${baseId}/base.json`, `site-a/base/${baseId}/data.tar.enc`]),
    );
    const local = readFileSync(join(walDir(backupDir), stored));
    expect(local.subarray(0, 7).toString()).toBe('TRAEBK1');
    expect(local.includes(Buffer.from('plain words'))).toBe(false);

    // The machine is lost: only the bucket and the key are left.
    rmSync(backupDir, { recursive: true, force: true });
    const other = randomBytes(32);
    const wrong = await run(
      { BACKUP_ENCRYPTION_KEY: other.toString('base64') },
      'restore',
      '--to',
      between,
      '--force',
    );
    expect(wrong).toMatchObject({
      code: 1,
      err: `✖ BACKUP_ENCRYPTION_KEY is not the key base backup ${baseId} was made with (key id ${keyIdOf(other)}, the backup's ${keyIdOf(key)}) (CONFLICT)`,
    });

    // Refused before the data folder is touched, once the base came from the bucket.
    expect(wrong.out).toContain(`fetching base backup ${baseId} from the bucket`);
    expect(readdirSync(root).filter((n) => n.startsWith('postgres.before-'))).toHaveLength(0);

    const restored = await run({}, 'restore', '--to', between, '--force');
    expect(restored.err).toBe('');
    expect(restored.out).toContain(`✔ recovered to ${between} from base ${baseId}`);
    expect(readdirSync(root).filter((n) => n.startsWith('postgres.before-'))).toHaveLength(1);

    server = await startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_PG_PORT) });
    const rows = await sql<{ n: number }>(server.url, 'select n from notes order by n');
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
    // Each archived or fetched file starts a node process; on a loaded machine that adds up.
  }, 240_000);
});
