import { performance } from 'node:perf_hooks';
import { Errors } from '@trae/kit';
import type pg from 'pg';
import { plainArtifact } from './artifacts.js';
import { type BlobRestore, placeBlobs, removeBlobsNotIn } from './blob-store.js';
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
 * Restores a backup: checks the artifacts' checksums first, then replaces the schemas in one
 * transaction while the blobs are copied back into FILES_DIR (each checked as it is read), and commits
 * only once every blob was good: a bad one rolls the database back (the blobs placed are correct bytes
 * under their own names, harmless). Then the row counts are checked against the manifest and the blobs
 * uploaded since the backup removed. Migrations newer than the backup run when the services boot.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const say = options.onProgress ?? silent;
  const started = performance.now();
  const manifest = await readManifest(options.backupDir, options.id);
  const dir = backupPath(options.backupDir, options.id);
  say(`restore ${manifest.id} (made ${manifest.createdAt}): checking checksums`);
  // Looking for the tools (several processes) overlaps the hashing.
  const [integrity, tools] = await Promise.all([
    checkIntegrity(dir, options.backupDir, manifest, options.key, say, false),
    findPgTools(options.databaseUrl, options.pgBinDir),
  ]);
  const refuse = (problems: string[]) =>
    Errors.conflict(
      `backup ${manifest.id} cannot be restored; nothing was changed:\n  ${problems.join('\n  ')}`,
    );
  if (integrity.problems.length) throw refuse(integrity.problems);
  const { schemas } = manifest.database;
  const sessionsEnded = await prepareTarget(options.databaseUrl, schemas, options.force ?? false, say);

  const dbStarted = performance.now();
  const dump = manifest.artifacts.find((a) => a.kind === 'database');
  if (!dump) throw Errors.conflict(`backup ${manifest.id} has no database artifact`);
  const blobs = 'blobs' in manifest.files && options.filesDir ? manifest.files.blobs : undefined;
  let done = 0;
  const placing = blobs
    ? placeBlobs(options.backupDir, options.filesDir!, blobs, integrity.sealing, (n) => {
        done = n;
      })
    : Promise.resolve(undefined);
  const placed = placing.then(
    (result) => ({ result, error: undefined }),
    (error: Error) => ({ result: undefined, error }),
  );
  const filesMs = placing.then(() => performance.now() - dbStarted).catch(() => 0);
  try {
    await withScratch(options.backupDir, async (scratch) => {
      const plain = await plainArtifact(dir, dump, scratch, integrity.sealing);
      try {
        const restoring = restoreArchive(
          options.databaseUrl,
          tools,
          plain.path,
          schemas,
          options.signal,
          placing,
        );
        await withTicker(restoring, () =>
          say(
            `database: restoring ${schemas.join(', ')}…${blobs ? ` files: ${done}/${blobs.length} blobs` : ''}`,
          ),
        );
      } finally {
        await plain.release();
      }
    });
  } catch (err) {
    const { error } = await placed;
    if (error) throw refuse([error.message]);
    throw err;
  }
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
  const result = (await placed).result;
  if (!('blobs' in manifest.files)) files = { skipped: `not in the backup (${manifest.files.skipped})` };
  else if (!options.filesDir || !result) files = { skipped: 'no FILES_DIR to restore into' };
  else {
    const removed = await removeBlobsNotIn(options.filesDir, manifest.files.blobs);
    files = { ...result, removed, durationMs: Math.round(await filesMs) };
    say(
      `files: ${result.written} blobs written (${formatBytes(result.bytes)}), ${result.kept} already there, ` +
        `${removed} added since the backup removed`,
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
