import { createReadStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { appError, Errors } from '@trae/kit';
import { ownForPostgres } from '@trae/launcher';
import { create as createTar, extract as extractTar } from 'tar';
import { artifactWriter } from './artifacts.js';
import type { Sealing } from './blob-store.js';
import { DecryptionError, decryptStream } from './crypto.js';
import { connect } from './database.js';
import { hashFile } from './hashing.js';
import { newBackupId } from './manifest.js';
import { formatBytes, type Progress, silent, withTicker } from './progress.js';
import { getFile } from './remote.js';
import { getBytes, listKeys, putBytes, putFile, type RemoteStore, remoteKey } from './remote-objects.js';
import { walDir } from './wal-archive.js';

export const baseDir = (backupDir: string) => join(backupDir, 'base');
const BASE_FILE = 'base.json';

export interface BaseBackup {
  id: string;
  /** When pg_backup_start returned: recovery can reach any moment after the base's end. */
  startedAt: string;
  completedAt: string;
  /** The server's `server_version_num` major: the postgres that recovers must be the same major. */
  major: number;
  /** The first WAL segment recovery from this base needs: older ones serve no kept base (retention). */
  startWal?: string;
  /** pg_backup_stop's backup_label, written into the data folder at recovery. */
  label?: string;
  /** The data folder as one tar (encrypted: AES-256-GCM, as the dumps); absent in the older folder copies. */
  archive?: { name: string; size: number; sha256: string };
  encryption?: { algorithm: 'aes-256-gcm'; keyId: string } | null;
}

const EXCLUDED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_stat_tmp']);

/**
 * A base backup of the server at `url`, whose data folder is `dataDir` on this machine: the folder is
 * written as one tar (encrypted with BACKUP_ENCRYPTION_KEY, hashed while it streams) between
 * pg_backup_start and pg_backup_stop (the server keeps serving), then copied to the bucket when there
 * is one, base.json last there as here.
 */
export async function createBaseBackup(options: {
  databaseUrl: string;
  dataDir: string;
  backupDir: string;
  sealing?: Sealing;
  remote?: RemoteStore;
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
    await mkdir(target, { recursive: true, mode: 0o700 });
    const startedAt = new Date().toISOString();
    await client.query('select pg_backup_start($1, true)', [`trae ${id}`]);
    say(`base backup ${id}: archiving ${options.dataDir}${options.sealing ? ' (encrypted)' : ''}`);
    const writer = artifactWriter(target, 'data.tar', 'database', options.sealing);
    let label: string;
    try {
      const tar = createTar(
        {
          cwd: options.dataDir,
          portable: true,
          filter: (path) => !EXCLUDED.has(path.replace(/^\.\//, '').split('/')[0]),
        },
        ['.'],
      );
      await withTicker(pipeline(tar, writer.stream), () =>
        say(`base backup ${id}: ${formatBytes(writer.bytes)}`),
      );
    } finally {
      label = (await client.query<{ labelfile: string }>('select labelfile from pg_backup_stop(true)'))
        .rows[0].labelfile;
    }
    const stored = await writer.done();
    const base: BaseBackup = {
      id,
      startedAt,
      completedAt: new Date().toISOString(),
      major: Math.floor(Number(n) / 10_000),
      startWal: /START WAL LOCATION: .* \(file ([0-9A-F]{24})\)/.exec(label)?.[1],
      label,
      archive: { name: stored.name, size: stored.size, sha256: stored.sha256 },
      encryption: options.sealing ? { algorithm: 'aes-256-gcm', keyId: options.sealing.keyId } : null,
    };
    const json = `${JSON.stringify(base, null, 2)}\n`;
    if (options.remote) {
      await putFile(
        options.remote,
        remoteKey(options.remote, `base/${id}/${stored.name}`),
        join(target, stored.name),
      );
      await putBytes(options.remote, remoteKey(options.remote, `base/${id}/${BASE_FILE}`), Buffer.from(json));
    }
    await writeFile(join(target, BASE_FILE), json, { mode: 0o600 });
    say(`base backup ${id}: ${formatBytes(stored.size)}${options.remote ? ', copied to the bucket' : ''}`);
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

const newestFirst = (bases: BaseBackup[]) => bases.sort((a, b) => b.startedAt.localeCompare(a.startedAt));

/** The complete base backups in BACKUP_DIR (base.json is written last), newest first. */
export async function listBaseBackups(backupDir: string): Promise<BaseBackup[]> {
  const dir = baseDir(backupDir);
  const out: BaseBackup[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const text = await readFile(join(dir, name, BASE_FILE), 'utf8').catch(() => undefined);
    if (text) out.push(JSON.parse(text) as BaseBackup);
  }
  return newestFirst(out);
}

/** The complete base backups in the bucket, newest first. */
export async function listRemoteBaseBackups(remote: RemoteStore): Promise<BaseBackup[]> {
  const keys = (await listKeys(remote, remoteKey(remote, 'base/'))).filter((k) =>
    k.endsWith(`/${BASE_FILE}`),
  );
  const out: BaseBackup[] = [];
  for (const key of keys) {
    const bytes = await getBytes(remote, key);
    if (bytes) out.push(JSON.parse(bytes.toString('utf8')) as BaseBackup);
  }
  return newestFirst(out);
}

/** Brings a base backup that only the bucket holds into BACKUP_DIR/base (base.json last). */
export async function pullBaseBackup(remote: RemoteStore, backupDir: string, base: BaseBackup) {
  const target = join(baseDir(backupDir), base.id);
  if (!base.archive) throw Errors.conflict(`base backup ${base.id} in the bucket has no archive`);
  await getFile(
    remote,
    remoteKey(remote, `base/${base.id}/${base.archive.name}`),
    join(target, base.archive.name),
  );
  await writeFile(join(target, BASE_FILE), `${JSON.stringify(base, null, 2)}\n`, { mode: 0o600 });
}

/** Refuses (CONFLICT, naming both key ids) a key that cannot read this base backup. */
export function assertBaseKey(base: BaseBackup, sealing?: Sealing) {
  const keyId = base.encryption?.keyId;
  if (keyId && !sealing)
    throw appError(
      'CONFLICT',
      `base backup ${base.id} is encrypted (key id ${keyId}); set BACKUP_ENCRYPTION_KEY`,
    );
  if (keyId && sealing && sealing.keyId !== keyId) {
    throw appError(
      'CONFLICT',
      `BACKUP_ENCRYPTION_KEY is not the key base backup ${base.id} was made with (key id ${sealing.keyId}, the backup's ${keyId})`,
    );
  }
}

/**
 * Writes the base's data folder into `dataDir`: its tar checked against base.json's sha256, then
 * decrypted (a wrong key is named before anything is read) and unpacked; the older folder copies are
 * copied. The folders left out of the archive are made empty, and the backup_label written.
 */
export async function unpackBaseBackup(
  backupDir: string,
  base: BaseBackup,
  dataDir: string,
  sealing?: Sealing,
) {
  const source = join(baseDir(backupDir), base.id);
  if (!base.archive) {
    await cp(join(source, 'data'), dataDir, { recursive: true });
    return;
  }
  assertBaseKey(base, sealing);
  const keyId = base.encryption?.keyId;
  const file = join(source, base.archive.name);
  const seen = await hashFile(file).catch(() => undefined);
  if (seen?.sha256 !== base.archive.sha256) {
    throw appError(
      'CONFLICT',
      `base backup ${base.id}: ${base.archive.name} ${seen ? `hashes to ${seen.sha256}, expected ${base.archive.sha256}` : 'is missing'}`,
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const decrypt = keyId && sealing ? [decryptStream(sealing.key)] : [];
  try {
    await pipeline([createReadStream(file), ...decrypt, extractTar({ cwd: dataDir })]);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    if (err instanceof DecryptionError) throw appError('CONFLICT', `base backup ${base.id}: ${err.message}`);
    throw err;
  }
  for (const empty of ['pg_wal', 'pg_replslot', 'pg_stat_tmp'])
    await mkdir(join(dataDir, empty), { recursive: true, mode: 0o700 });
  if (base.label) await writeFile(join(dataDir, 'backup_label'), base.label, { mode: 0o600 });
}
