import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Sealing } from './blob-store.js';
import { DecryptionError, decryptBuffer, encryptBuffer } from './crypto.js';
import {
  deleteKeys,
  getBytes,
  headMetadata,
  listKeys,
  putBytes,
  type RemoteStore,
  remoteKey,
} from './remote-objects.js';

/**
 * The WAL archive of point-in-time recovery: `BACKUP_DIR/wal/<segment>` and, with BACKUP_S3_BUCKET,
 * `<prefix>wal/<segment>` in the bucket. With BACKUP_ENCRYPTION_KEY a segment is stored as
 * `<segment>.<keyId>.enc` (AES-256-GCM, as the dumps), so a restore with another key says which key
 * it needs instead of failing on a tag.
 */
export interface WalArchive {
  backupDir: string;
  sealing?: Sealing;
  remote?: RemoteStore;
}

export const walDir = (backupDir: string) => join(backupDir, 'wal');
const PREFIX = 'wal/';
/** A segment (`000000010000000000000002`), a base backup's `.backup` file, or a timeline's `.history`. */
const WAL_NAME = /^[0-9A-F]{8}(?:[0-9A-F]{16}(?:\.[0-9A-F]{8}\.backup|\.partial)?|\.history)$/;

const storedName = (name: string, sealing?: Pick<Sealing, 'keyId'>) =>
  sealing ? `${name}.${sealing.keyId}.enc` : name;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function checkName(name: string): string {
  if (!WAL_NAME.test(name)) throw new Error(`not a WAL file name: ${name}`);
  return name;
}

async function writeAtomically(path: string, bytes: Buffer) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.tmp-${randomUUID()}`);
  try {
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

const open = (archive: WalArchive, stored: Buffer) =>
  archive.sealing ? decryptBuffer(archive.sealing.key, stored) : stored;

/**
 * `archive_command`: stores the finished segment at `path` as `name`, locally and in the bucket. A
 * segment already archived with the same content succeeds (PostgreSQL retries after a crash); one with
 * other content fails, as PostgreSQL's manual asks: an archive is never overwritten.
 */
export async function archiveSegment(archive: WalArchive, path: string, name: string): Promise<void> {
  checkName(name);
  const plain = await readFile(path);
  const digest = sha256(plain);
  const file = storedName(name, archive.sealing);
  const local = join(walDir(archive.backupDir), file);
  const there = await readFile(local).catch(() => undefined);
  if (there && sha256(open(archive, there)) !== digest) {
    throw new Error(`WAL ${name} is already archived with other content; not overwritten`);
  }
  const sealed = archive.sealing ? encryptBuffer(archive.sealing.key, plain) : plain;
  if (!there) await writeAtomically(local, sealed);
  if (!archive.remote) return;
  const key = remoteKey(archive.remote, `${PREFIX}${file}`);
  const meta = await headMetadata(archive.remote, key);
  if (meta && meta.sha256 !== digest) {
    throw new Error(`WAL ${name} is already in the bucket with other content; not overwritten`);
  }
  if (!meta) await putBytes(archive.remote, key, sealed, { sha256: digest });
}

/**
 * `restore_command`: writes segment `name` to `path`, from BACKUP_DIR/wal or else the bucket. False
 * when neither has it (PostgreSQL asks for files that may not exist, e.g. the next timeline's history).
 */
export async function fetchSegment(archive: WalArchive, name: string, path: string): Promise<boolean> {
  checkName(name);
  const file = storedName(name, archive.sealing);
  let stored: Buffer | undefined = await readFile(join(walDir(archive.backupDir), file)).catch(
    () => undefined,
  );
  if (!stored && archive.remote)
    stored = await getBytes(archive.remote, remoteKey(archive.remote, `${PREFIX}${file}`));
  if (!stored) {
    const other = await otherKeyCopy(archive, name);
    if (other) throw new DecryptionError(other);
    return false;
  }
  await writeAtomically(path, open(archive, stored));
  return true;
}

/** Why a segment that exists under another name cannot be read: encrypted with another key, or plain. */
async function otherKeyCopy(archive: WalArchive, name: string): Promise<string | undefined> {
  const names = await readdir(walDir(archive.backupDir)).catch(() => [] as string[]);
  const found = names.find((n) => n === name || n.startsWith(`${name}.`));
  if (!found) return undefined;
  if (found === name)
    return `WAL ${name} is archived unencrypted, but BACKUP_ENCRYPTION_KEY is set; unset it to recover`;
  const keyId = found.slice(name.length + 1, -'.enc'.length);
  return archive.sealing
    ? `WAL ${name} was encrypted with key ${keyId}, not with BACKUP_ENCRYPTION_KEY (key ${archive.sealing.keyId})`
    : `WAL ${name} is encrypted (key ${keyId}); set BACKUP_ENCRYPTION_KEY`;
}

/**
 * Whether an archived file is older than `oldest`, the first segment the oldest kept base backup needs:
 * compared without the timeline (the first 8 digits), as `pg_archivecleanup` does. Timeline histories
 * are tiny and every later timeline needs them: they stay.
 */
const before = (file: string, oldest: string) =>
  /^[0-9A-F]{24}/.test(file) && file.slice(8, 24) < oldest.slice(8, 24);

export interface WalPruneResult {
  local: number;
  remote: number;
}

/** Removes the archived WAL older than `oldest` (a segment name) locally and in the bucket. */
export async function pruneWal(archive: WalArchive, oldest: string): Promise<WalPruneResult> {
  checkName(oldest);
  const result: WalPruneResult = { local: 0, remote: 0 };
  const dir = walDir(archive.backupDir);
  for (const file of await readdir(dir).catch(() => [] as string[])) {
    if (!before(file, oldest)) continue;
    await rm(join(dir, file), { force: true });
    result.local++;
  }
  if (archive.remote) {
    const prefix = remoteKey(archive.remote, PREFIX);
    const old = (await listKeys(archive.remote, prefix)).filter((k) =>
      before(k.slice(prefix.length), oldest),
    );
    await deleteKeys(archive.remote, old);
    result.remote = old.length;
  }
  return result;
}
