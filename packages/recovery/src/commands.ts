import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, Errors } from '@trae/kit';
import { findRepoRoot } from '@trae/launcher';
import { createBackup, sealingOf } from './backup.js';
import { listBackups, pruneBackups } from './catalog.js';
import { backupTargetOf, loadRecoveryConfig, type RecoveryConfig, remoteOf } from './config.js';
import { parseBackupId } from './manifest.js';
import { applyMigrations } from './migrate.js';
import { createBaseBackup, dataDirectoryOf, recoverToTime, walDir } from './pitr.js';
import { formatBytes, formatDuration } from './progress.js';
import { listRemoteBackups, pullBackup } from './remote.js';
import { restoreBackup } from './restore.js';
import { assertSafeBackupConfig } from './safety.js';
import { openDatabase } from './target.js';
import { verifyBackup } from './verify.js';

export const USAGE = `usage:
  npm run backup [-- --prune]          back up the database, files, settings and supergraph (then prune)
  npm run backup:list                  list backups, newest first
  npm run backup:verify <id|latest>    checksums, pg_restore --list and a trial restore (-- --no-trial skips it)
  npm run restore <id|latest>          restore (-- --force overwrites; -- --no-migrate skips migrations)
  npm run backup -- --base             a base backup for point-in-time recovery (needs BACKUP_WAL_ARCHIVE=true)
  npm run restore -- --to <time>       the embedded PostgreSQL as it was at <time> (-- --force moves the current aside)`;

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `latest` is the newest complete backup (local, or in the bucket when there is none here); anything
 * else must be a backup id. With BACKUP_S3_BUCKET, a backup missing from BACKUP_DIR is fetched first
 * (a lost machine's restore), then checked byte by byte like any other.
 */
async function resolveId(config: RecoveryConfig, given: string | undefined, io: Io): Promise<string> {
  const remote = remoteOf(config);
  let id: string | undefined;
  if (given !== 'latest') id = parseBackupId(given ?? '');
  else id = (await listBackups(config.backupDir)).find((b) => b.status === 'complete')?.id;
  if (!id && remote) id = (await listRemoteBackups(remote))[0];
  if (!id) throw Errors.notFound(`A complete backup in ${config.backupDir}${remote ? ' or the bucket' : ''}`);
  if (remote) await pullBackup(remote, config.backupDir, id, (l) => io.out(`  ${l}`));
  return id;
}

async function backup(config: RecoveryConfig, repoRoot: string, thenPrune: boolean, io: Io) {
  const say = (l: string) => io.out(`  ${l}`);
  assertSafeBackupConfig(config, repoRoot);
  const db = await openDatabase(config, false, say);
  try {
    const m = await createBackup({ ...backupTargetOf(config, db.url), repoRoot, onProgress: say });
    const rows = m.database.tables.reduce((n, t) => n + t.rows, 0);
    const dump = m.artifacts.find((a) => a.kind === 'database')!;
    const files =
      'blobs' in m.files
        ? `${m.files.blobs.length} files (${formatBytes(m.files.totalBytes)}, ${formatBytes(m.files.copiedBytes)} new)`
        : `files skipped (${m.files.skipped})`;
    io.out(`✔ backup ${m.id} in ${formatDuration(m.durationMs)}${m.encryption ? ', encrypted' : ''}`);
    io.out(
      `  database ${formatBytes(dump.size)}: ${m.database.schemas.length} schemas, ${m.database.tables.length} tables, ${rows} rows`,
    );
    io.out(`  ${files}; settings and supergraph`);
    io.out(`  in ${join(config.backupDir, m.id)}`);
  } finally {
    await db.release();
  }
  if (thenPrune) await prune(config, io);
}

async function prune(config: RecoveryConfig, io: Io) {
  const remote = remoteOf(config);
  const r = await pruneBackups({
    backupDir: config.backupDir,
    retentionDays: config.BACKUP_RETENTION_DAYS,
    remote,
  });
  io.out(
    `✔ pruned ${r.removed.length} backups older than ${config.BACKUP_RETENTION_DAYS} days and ${r.blobsRemoved} blobs (${formatBytes(r.bytesFreed)}); ${r.kept.length} kept`,
  );
  io.out(`  ${r.basesRemoved.length} base backups and ${r.wal.local} WAL files removed`);
  if (r.remote) {
    io.out(
      `  s3: ${r.remote.backupsRemoved.length} backups, ${r.remote.blobsRemoved} blobs and ${r.wal.remote} WAL files removed`,
    );
  }
}

async function list(config: RecoveryConfig, io: Io) {
  const all = await listBackups(config.backupDir);
  const remote = remoteOf(config);
  if (remote) {
    const here = new Set(all.map((b) => b.id));
    const there = await listRemoteBackups(remote);
    const only = there.filter((id) => !here.has(id));
    io.out(`s3://${remote.options.bucket}/${remote.options.prefix}: ${there.length} backups`);
    for (const id of only) io.out(`${id.padEnd(22)} s3 only (verify or restore fetches it)`);
  }
  if (!all.length) return io.out(`no backups in ${config.backupDir}`);
  io.out(
    `${'id'.padEnd(22)} ${'status'.padEnd(10)} ${'created'.padEnd(24)} ${'size'.padStart(9)} ${'took'.padStart(7)}  verified`,
  );
  for (const b of all) {
    const verified = b.verification
      ? `${b.verification.ok ? 'ok' : 'FAILED'} ${b.verification.verifiedAt}`
      : '-';
    io.out(
      `${b.id.padEnd(22)} ${b.status.padEnd(10)} ${b.createdAt.padEnd(24)} ${formatBytes(b.sizeBytes).padStart(9)} ${(b.durationMs === undefined ? '-' : formatDuration(b.durationMs)).padStart(7)}  ${verified}${b.encrypted ? ' (encrypted)' : ''}`,
    );
  }
}

async function verify(config: RecoveryConfig, id: string, trial: boolean, io: Io): Promise<number> {
  const say = (l: string) => io.out(`  ${l}`);
  const db = await openDatabase(config, false, say);
  try {
    const r = await verifyBackup({ ...backupTargetOf(config, db.url), id, trial, onProgress: say });
    if (!r.ok) {
      io.err(`✖ backup ${id} is NOT good (${r.problems.length} problems):`);
      for (const p of r.problems) io.err(`  ${p}`);
      return 1;
    }
    io.out(
      `✔ backup ${id} is good: checksums, ${r.blobsChecked} blobs, ${r.archiveEntries} archive entries, ${trial ? `${r.tablesCompared} tables restored and counted` : 'no trial restore'} in ${formatDuration(r.durationMs)}`,
    );
    return 0;
  } finally {
    await db.release();
  }
}

async function restore(
  config: RecoveryConfig,
  repoRoot: string,
  id: string,
  force: boolean,
  migrate: boolean,
  io: Io,
) {
  const say = (l: string) => io.out(`  ${l}`);
  const db = await openDatabase(config, true, say);
  try {
    const s = await restoreBackup({ ...backupTargetOf(config, db.url), id, force, onProgress: say });
    if (migrate) await applyMigrations({ databaseUrl: db.url, repoRoot, onProgress: say });
    io.out(`✔ restored ${s.id} in ${formatDuration(s.durationMs)}`);
    io.out(
      `  database: ${s.database.schemas.length} schemas, ${s.database.tables} tables, ${s.database.rows} rows in ${formatDuration(s.database.durationMs)}`,
    );
    io.out(
      'skipped' in s.files
        ? `  files: skipped (${s.files.skipped})`
        : `  files: ${s.files.written + s.files.kept} blobs (${formatBytes(s.files.bytes)} written) in ${formatDuration(s.files.durationMs)}`,
    );
    io.out(`  ${migrate ? 'migrations applied; ' : ''}start the platform again (npm start)`);
  } finally {
    await db.release();
  }
}

/** A base backup for point-in-time recovery (the server must archive WAL: BACKUP_WAL_ARCHIVE=true). */
async function baseBackup(config: RecoveryConfig, repoRoot: string, io: Io) {
  const say = (l: string) => io.out(`  ${l}`);
  assertSafeBackupConfig(config, repoRoot);
  const db = await openDatabase(config, false, say);
  try {
    const dataDir = config.DATABASE_URL ? await dataDirectoryOf(db.url) : join(config.dataDir, 'postgres');
    const b = await createBaseBackup({
      databaseUrl: db.url,
      dataDir,
      backupDir: config.backupDir,
      sealing: sealingOf(config.BACKUP_ENCRYPTION_KEY),
      remote: remoteOf(config),
      onProgress: say,
    });
    io.out(
      `✔ base backup ${b.id} (PostgreSQL ${b.major})${b.encryption ? ', encrypted' : ''}; WAL is archived in ${walDir(config.backupDir)}${config.BACKUP_S3_BUCKET ? ' and the bucket' : ''}`,
    );
  } finally {
    await db.release();
  }
}

async function restoreToTime(config: RecoveryConfig, flags: { to?: string; force: boolean }, io: Io) {
  if (config.DATABASE_URL) {
    throw Errors.badInput(
      'to',
      '--to works on the embedded PostgreSQL of npm start; a managed server recovers to a time with its provider',
    );
  }
  const to = new Date(flags.to ?? '');
  const r = await recoverToTime({
    backupDir: config.backupDir,
    dataDir: join(config.dataDir, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    to,
    force: flags.force,
    sealing: sealingOf(config.BACKUP_ENCRYPTION_KEY),
    remote: remoteOf(config),
    onProgress: (l) => io.out(`  ${l}`),
  });
  io.out(
    `✔ recovered to ${to.toISOString()} from base ${r.base.id}${r.kept ? `; the previous data folder is ${r.kept}` : ''}`,
  );
  io.out('  FILES_DIR is left as it is (see docs/recovery.md); start the platform again (npm start)');
}

/** The recovery CLI; returns the exit code. Errors print as one line with their code, never a stack. */
export async function runRecoveryCli(argv: string[], io: Io = stdio, env = process.env): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        prune: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'no-trial': { type: 'boolean', default: false },
        'no-migrate': { type: 'boolean', default: false },
        base: { type: 'boolean', default: false },
        to: { type: 'string' },
      },
    });
  try {
    parsed = parse();
  } catch (err) {
    io.err(`✖ ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, id] = parsed.positionals;
  const flags = parsed.values;
  try {
    const repoRoot = findRepoRoot();
    const config = loadRecoveryConfig(repoRoot, env);
    if (command === 'backup' && flags.base) await baseBackup(config, repoRoot, io);
    else if (command === 'restore' && flags.to !== undefined) await restoreToTime(config, flags, io);
    else if (command === 'backup') await backup(config, repoRoot, flags.prune, io);
    else if (command === 'prune') await prune(config, io);
    else if (command === 'list') await list(config, io);
    else if (command === 'verify')
      return await verify(config, await resolveId(config, id, io), !flags['no-trial'], io);
    else if (command === 'restore')
      await restore(config, repoRoot, await resolveId(config, id, io), flags.force, !flags['no-migrate'], io);
    else {
      io.err(USAGE);
      return 2;
    }
    return 0;
  } catch (err) {
    const code =
      err instanceof ConfigError ? 'CONFIG' : (err as { extensions?: { code?: unknown } }).extensions?.code;
    io.err(`✖ ${(err as Error).message}${code ? ` (${String(code)})` : ''}`);
    return 1;
  }
}
