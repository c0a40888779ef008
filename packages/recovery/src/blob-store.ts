import { createHash, randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pMap from 'p-map';
import { DecryptionError, decryptStream, ENCRYPTION_OVERHEAD } from './crypto.js';
import { hashFile, hashing } from './hashing.js';
import type { BlobEntry } from './manifest.js';

export const SHA = /^[0-9a-f]{64}$/;
const CHUNK = 1024 * 1024;
/**
 * Blobs handled at once. A store is mostly small files, where one at a time spends its time waiting on
 * opens, stats and renames (50 blobs/s measured here); a few in flight keep the disk and a core busy.
 */
export const BLOB_CONCURRENCY = 8;

/** The files service's layout (subgraphs/files local-storage.ts): `<root>/blobs/ab/cd/<sha256>`. */
export const liveBlobPath = (filesDir: string, sha256: string) =>
  join(filesDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

export interface Sealing {
  key: Buffer;
  keyId: string;
}

/**
 * Blobs of every backup share `<BACKUP_DIR>/blobs`, named by content hash, so a blob an earlier backup
 * holds is referenced, not copied again; pruning removes the blobs no manifest names any more.
 * Encrypted blobs carry the key's id in their name: a new key starts new copies instead of mixing.
 */
export const storedBlobPath = (backupDir: string, sha256: string, sealing?: Pick<Sealing, 'keyId'>) =>
  join(
    backupDir,
    'blobs',
    sha256.slice(0, 2),
    sha256.slice(2, 4),
    sealing ? `${sha256}.${sealing.keyId}.enc` : sha256,
  );

const discard = () => new Writable({ write: (_chunk, _enc, done) => done() });

export const storedSize = (size: number, sealing?: Sealing) => (sealing ? size + ENCRYPTION_OVERHEAD : size);

/**
 * Every blob under a `blobs/ab/cd/` tree, with its size; names that are not hashes are left alone. The
 * leaf folders are read several at a time: a store of n blobs has up to n of them, one file each.
 */
export async function walkBlobs(root: string): Promise<{ name: string; path: string; size: number }[]> {
  const base = join(root, 'blobs');
  const level = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name));
  const tops = await level(base);
  const leaves = (await pMap(tops, level, { concurrency: BLOB_CONCURRENCY })).flat();
  const files = await pMap(
    leaves,
    async (dir) => {
      const found = (await readdir(dir, { withFileTypes: true })).filter((f) => f.isFile());
      return Promise.all(
        found.map(async (f) => {
          const path = join(dir, f.name);
          return { name: f.name, path, size: (await stat(path)).size };
        }),
      );
    },
    { concurrency: BLOB_CONCURRENCY },
  );
  return files.flat();
}

/**
 * Copies `from` to `to` through `transforms`, hashing the plaintext on the way (before encrypting, after
 * decrypting); the file appears at `to` by rename only when the hash is `expect`, so a reader never sees
 * a partial or wrong copy. Returns the hash seen.
 */
export async function copyChecked(
  from: string,
  to: string,
  expect: string,
  before: Transform[],
  after: Transform[],
) {
  const tmp = join(dirname(to), `.tmp-${randomUUID()}`);
  await mkdir(dirname(to), { recursive: true });
  if (!before.length && !after.length && (await stat(from)).size <= SMALL_BLOB)
    return copySmall(from, to, tmp, expect);
  const hash = hashing();
  try {
    await pipeline([
      createReadStream(from, { highWaterMark: CHUNK }),
      ...before,
      hash.stream,
      ...after,
      createWriteStream(tmp),
    ]);
    const seen = hash.digest();
    if (seen !== expect) {
      await rm(tmp, { force: true });
      return seen;
    }
    await rename(tmp, to);
    return seen;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * A plain blob this small is read, hashed and written in one go, without streams: a store is mostly
 * such files, and on a loaded machine each stream's round trips through the thread pool cost more than
 * the bytes (1,000 blobs of 20 KiB: 10 s with streams against tar's 0.2 s).
 */
const SMALL_BLOB = 1024 * 1024;

function copySmall(from: string, to: string, tmp: string, expect: string): string {
  const bytes = readFileSync(from);
  const seen = createHash('sha256').update(bytes).digest('hex');
  if (seen !== expect) return seen;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, to);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return seen;
}

/** Reads a stored blob back (decrypting it) and says what is wrong with it, or undefined when it is whole. */
export async function checkStoredBlob(
  backupDir: string,
  entry: BlobEntry,
  sealing?: Sealing,
): Promise<string | undefined> {
  const path = storedBlobPath(backupDir, entry.sha256, sealing);
  if (!sealing && entry.size <= SMALL_BLOB) return checkSmall(path, entry);
  const hash = hashing();
  try {
    const decrypt = sealing ? [decryptStream(sealing.key)] : [];
    await pipeline([createReadStream(path, { highWaterMark: CHUNK }), ...decrypt, hash.stream, discard()]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return `blob ${entry.sha256}: missing from the backup store`;
    if (err instanceof DecryptionError) return `blob ${entry.sha256}: ${err.message}`;
    throw err;
  }
  const seen = hash.digest();
  if (seen !== entry.sha256) return `blob ${entry.sha256}: expected sha256 ${entry.sha256}, got ${seen}`;
  if (hash.bytes !== entry.size)
    return `blob ${entry.sha256}: expected ${entry.size} bytes, got ${hash.bytes}`;
  return undefined;
}

/** checkStoredBlob for a small plain blob: one read, no streams (see SMALL_BLOB). */
function checkSmall(path: string, entry: BlobEntry): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return `blob ${entry.sha256}: missing from the backup store`;
    throw err;
  }
  const seen = createHash('sha256').update(bytes).digest('hex');
  if (seen !== entry.sha256) return `blob ${entry.sha256}: expected sha256 ${entry.sha256}, got ${seen}`;
  if (bytes.length !== entry.size)
    return `blob ${entry.sha256}: expected ${entry.size} bytes, got ${bytes.length}`;
  return undefined;
}

export interface BlobRestore {
  written: number;
  kept: number;
  removed: number;
  bytes: number;
}

/**
 * Puts the backup's blobs into FILES_DIR: each is copied back (checked against its hash, so one read is
 * both the check and the copy) unless an identical one is there. Throws on the first bad or missing
 * blob; what it placed before is harmless (content-addressed: correct bytes under their own name).
 */
export async function placeBlobs(
  backupDir: string,
  filesDir: string,
  entries: BlobEntry[],
  sealing: Sealing | undefined,
  onBlob: (done: number) => void,
): Promise<Omit<BlobRestore, 'removed'>> {
  const result = { written: 0, kept: 0, bytes: 0 };
  const restoreOne = async (entry: BlobEntry) => {
    const target = liveBlobPath(filesDir, entry.sha256);
    const there = await stat(target).catch(() => undefined);
    if (there?.size === entry.size && (await hashFile(target)).sha256 === entry.sha256) {
      result.kept++;
      onBlob(result.kept + result.written);
      return;
    }
    const from = storedBlobPath(backupDir, entry.sha256, sealing);
    let seen: string;
    try {
      seen = await copyChecked(from, target, entry.sha256, sealing ? [decryptStream(sealing.key)] : [], []);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`blob ${entry.sha256}: missing from the backup store`);
      if (err instanceof DecryptionError) throw new Error(`blob ${entry.sha256}: ${err.message}`);
      throw err;
    }
    if (seen !== entry.sha256)
      throw new Error(`blob ${entry.sha256}: expected sha256 ${entry.sha256}, got ${seen}`);
    result.written++;
    result.bytes += entry.size;
    onBlob(result.kept + result.written);
  };
  await pMap(entries, restoreOne, { concurrency: BLOB_CONCURRENCY });
  return result;
}

/** Removes the blobs uploaded since the backup, which no restored row names. */
export async function removeBlobsNotIn(filesDir: string, entries: BlobEntry[]): Promise<number> {
  const wanted = new Set(entries.map((e) => e.sha256));
  let removed = 0;
  for (const live of await walkBlobs(filesDir)) {
    if (SHA.test(live.name) && !wanted.has(live.name)) {
      await rm(live.path, { force: true });
      removed++;
    }
  }
  return removed;
}
