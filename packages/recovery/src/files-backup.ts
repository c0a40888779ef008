import { link, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import {
  BLOB_CONCURRENCY,
  copyChecked,
  liveBlobPath,
  type Sealing,
  SHA,
  storedBlobPath,
  storedSize,
  walkBlobs,
} from './blob-store.js';
import { encryptStream } from './crypto.js';
import type { BlobEntry } from './manifest.js';

interface LiveBlob {
  name: string;
  path: string;
  size: number;
}

export interface BlobCopy {
  blobs: BlobEntry[];
  copiedBytes: number;
  /** Blobs in FILES_DIR whose bytes no longer match their name: damaged, so not backed up. */
  damaged: string[];
  /** Blobs the dumped rows name that were deleted from FILES_DIR before they could be held or copied. */
  lost: string[];
}

/**
 * The files part of one backup, in two halves so the copying can run beside pg_dump without a second
 * walk of the store:
 *
 * - `hold()`, before the dump's snapshot: one walk of FILES_DIR; every blob the backup store lacks is
 *   hard-linked into `holdDir` (metadata only, no bytes read). The files service deletes a blob at once
 *   when its last row goes, so without the link a blob of a row in the snapshot could vanish before it
 *   is copied; the link keeps its bytes. Where no link can be made (BACKUP_DIR on another file system)
 *   the blob is copied there and then, as before.
 * - `copy(named)`, while pg_dump runs: the held blobs are copied (hashed, encrypted when sealing is on)
 *   into the store, then the blobs the snapshot's rows name that the walk did not see (uploaded between
 *   the walk and the snapshot) straight from FILES_DIR.
 */
export function filesBackup(
  filesDir: string,
  backupDir: string,
  holdDir: string,
  sealing: Sealing | undefined,
  onBlob: () => void,
) {
  const result: BlobCopy = { blobs: [], copiedBytes: 0, damaged: [], lost: [] };
  const known = new Set<string>();
  const held: LiveBlob[] = [];
  let linking = true;

  const keep = (blob: LiveBlob) => {
    known.add(blob.name);
    result.blobs.push({ sha256: blob.name, size: blob.size });
    onBlob();
  };

  /** Copies one blob into the store; false when its source is gone (deleted since it was seen). */
  const copyOne = async (from: string, blob: LiveBlob): Promise<boolean> => {
    const target = storedBlobPath(backupDir, blob.name, sealing);
    let seen: string;
    try {
      seen = await copyChecked(from, target, blob.name, [], sealing ? [encryptStream(sealing.key)] : []);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    if (seen !== blob.name) result.damaged.push(blob.name);
    else {
      result.copiedBytes += blob.size;
      keep(blob);
    }
    return true;
  };

  const alreadyStored = async (blob: LiveBlob) =>
    (await stat(storedBlobPath(backupDir, blob.name, sealing)).catch(() => undefined))?.size ===
    storedSize(blob.size, sealing);

  const holdOne = async (blob: LiveBlob) => {
    if (await alreadyStored(blob)) return keep(blob);
    if (linking) {
      try {
        await link(blob.path, join(holdDir, blob.name));
        held.push(blob);
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return; // deleted since the walk, with its rows: nothing to keep
        if (code !== 'EEXIST') linking = false; // EXDEV, EPERM: this store cannot be linked from here
      }
    }
    await copyOne(blob.path, blob);
  };

  return {
    result,
    async hold(): Promise<void> {
      await mkdir(holdDir, { recursive: true, mode: 0o700 });
      const live = (await walkBlobs(filesDir)).filter((b) => SHA.test(b.name));
      await pMap(live, holdOne, { concurrency: BLOB_CONCURRENCY });
    },
    /** `signal`: a cancelled backup stops copying too, not only its pg_dump. */
    async copy(named: readonly string[], signal?: AbortSignal): Promise<BlobCopy> {
      await pMap(held, (blob) => copyOne(join(holdDir, blob.name), blob), {
        concurrency: BLOB_CONCURRENCY,
        signal,
      });
      const late = named.filter((sha) => SHA.test(sha) && !known.has(sha) && !result.damaged.includes(sha));
      await pMap(
        late,
        async (sha) => {
          const path = liveBlobPath(filesDir, sha);
          const size = (await stat(path).catch(() => undefined))?.size;
          if (size === undefined || !(await copyOne(path, { name: sha, path, size }))) result.lost.push(sha);
        },
        { concurrency: BLOB_CONCURRENCY, signal },
      );
      await rm(holdDir, { recursive: true, force: true });
      return result;
    },
  };
}
