import { performance } from 'node:perf_hooks';
import { Errors } from '@trae/kit';
import type pg from 'pg';
import { plainArtifact } from './artifacts.js';
import { type BlobRestore, restoreBlobs } from './blob-store.js';
import { compareCounts, connect, countTables, latestMigrations, restoreArchive } from './database.js';
import { checkIntegrity, withScratch } from './integrity.js';
import { backupPath, readManifest } from './manifest.js';
import { findPgTools } from './pg-tools.js';
import { formatBytes, formatDuration, type Progress, silent, withTicker } from './progress.js';

export interface RestoreOptions {
  backupDir: string;
  id: string;
  key?: Buffer;
  /** The database to restore into (DATABASE_URL). */
  databaseUrl: string;
  /** The files service's store to restore into (FILES_DIR); null skips files. */
  filesDir: string | null;
  pgBinDir?: string;
  /**
   * Overwrite schemas that exist in the target, and end other sessions on it (the platform's services,
   * if still running) instead of refusing. @default false
   */
  force?: boolean;
  onProgress?: Progress;
  /** Aborting it kills pg_restore and psql: the restore's transaction rolls back. */
  signal?: AbortSignal;
}

export interface RestoreSummary {
  id: string;
  durationMs: number;
  database: {
    schemas: string[];
    tables: number;
    rows: number;
    durationMs: number;
    /** The newest migration in each restored schema: the services apply newer ones at their next boot. */
    migrations: Record<string, string | null>;
    /** Sessions that were still open on the target and were ended (with force). */
    sessionsEnded: number;
  };
  files: (BlobRestore & { durationMs: number }) | { skipped: string };
}

/** Sessions on the target database other than ours: the platform's pools, psql, anything that writes. */
async function otherSessions(client: pg.Client) {
  const { rows } = await client.query<{ pid: number; app: string; addr: string | null }>(
    `select pid, application_name as app, client_addr::text as addr from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows;
}

/**
 * Checks the target before anything changes: refuses (CONFLICT) a database other sessions hold (stop
 * the platform first) or one that already has the backup's schemas, unless `force`; with `force`,
 * ends those sessions so the schemas can be dropped.
 */
async function prepareTarget(url: string, schemas: string[], force: boolean, say: Progress): Promise<number> {
  const client = await connect(url);
  try {
    const sessions = await otherSessions(client);
    if (sessions.length && !force) {
      const apps = [...new Set(sessions.map((s) => s.app || s.addr || 'unnamed'))].join(', ');
      throw Errors.conflict(
        `${sessions.length} other sessions are open on the target database (${apps}): the platform is still ` +
          'running. Stop it first (Ctrl-C on `npm start`, or scale every service and worker to 0), then ' +
          'restore again; --force ends those sessions instead',
      );
    }
    const existing = await countTables(client, schemas);
    if (existing.length && !force) {
      const rows = existing.reduce((n, t) => n + t.rows, 0);
      const names = [...new Set(existing.map((t) => t.schema))].join(', ');
      throw Errors.conflict(
        `the target database already holds schemas ${names} (${rows} rows); restoring replaces them: pass --force`,
      );
    }
    if (sessions.length) {
      await client.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [
        sessions.map((s) => s.pid),
      ]);
      say(`database: ended ${sessions.length} other sessions (--force)`);
    }
    return sessions.length;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Restores a backup: checks every checksum first (nothing changes if one fails), then replaces the
 * schemas in one transaction, checks the row counts against the manifest, and makes FILES_DIR's blobs
 * the backup's. Migrations newer than the backup run when the services boot (each one's createOrm).
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const say = options.onProgress ?? silent;
  const started = performance.now();
  const manifest = await readManifest(options.backupDir, options.id);
  const dir = backupPath(options.backupDir, options.id);
  say(`restore ${manifest.id} (made ${manifest.createdAt}): checking checksums`);
  const integrity = await checkIntegrity(dir, options.backupDir, manifest, options.key, say);
  if (integrity.problems.length) {
    throw Errors.conflict(
      `backup ${manifest.id} cannot be restored; nothing was changed:\n  ${integrity.problems.join('\n  ')}`,
    );
  }
  const { schemas } = manifest.database;
  const tools = await findPgTools(options.databaseUrl, options.pgBinDir);
  const sessionsEnded = await prepareTarget(options.databaseUrl, schemas, options.force ?? false, say);

  const dbStarted = performance.now();
  const dump = manifest.artifacts.find((a) => a.kind === 'database');
  if (!dump) throw Errors.conflict(`backup ${manifest.id} has no database artifact`);
  await withScratch(options.backupDir, async (scratch) => {
    const plain = await plainArtifact(dir, dump, scratch, integrity.sealing);
    try {
      const restoring = restoreArchive(options.databaseUrl, tools, plain.path, schemas, options.signal);
      await withTicker(restoring, () => say(`database: restoring ${schemas.join(', ')}…`));
    } finally {
      await plain.release();
    }
  });
  const client = await connect(options.databaseUrl);
  let migrations: Record<string, string | null>;
  try {
    const problems = compareCounts(manifest.database.tables, await countTables(client, schemas));
    if (problems.length)
      throw Errors.conflict(`restored database differs from the backup:\n  ${problems.join('\n  ')}`);
    migrations = await latestMigrations(client, schemas);
  } finally {
    await client.end().catch(() => {});
  }
  const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0);
  const dbMs = performance.now() - dbStarted;
  say(
    `database: ${schemas.length} schemas, ${manifest.database.tables.length} tables, ${rows} rows in ${formatDuration(dbMs)}`,
  );

  let files: RestoreSummary['files'];
  if (!('blobs' in manifest.files)) files = { skipped: `not in the backup (${manifest.files.skipped})` };
  else if (!options.filesDir) files = { skipped: 'no FILES_DIR to restore into' };
  else {
    const filesStarted = performance.now();
    const total = manifest.files.blobs.length;
    let done = 0;
    const restoring = restoreBlobs(
      options.backupDir,
      options.filesDir,
      manifest.files.blobs,
      integrity.sealing,
      (n) => {
        done = n;
      },
    );
    const result = await withTicker(restoring, () => say(`files: ${done}/${total} blobs`));
    files = { ...result, durationMs: Math.round(performance.now() - filesStarted) };
    say(
      `files: ${result.written} blobs written (${formatBytes(result.bytes)}), ${result.kept} already there, ` +
        `${result.removed} added since the backup removed`,
    );
  }
  return {
    id: manifest.id,
    durationMs: Math.round(performance.now() - started),
    database: {
      schemas,
      tables: manifest.database.tables.length,
      rows,
      durationMs: Math.round(dbMs),
      migrations,
      sessionsEnded,
    },
    files,
  };
}
