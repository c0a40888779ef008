import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import { checkArtifact } from './artifacts.js';
import { sealingOf } from './backup.js';
import { BLOB_CONCURRENCY, checkStoredBlob, type Sealing } from './blob-store.js';
import type { BlobEntry, Manifest } from './manifest.js';
import { type Progress, withTicker } from './progress.js';

export interface Integrity {
  /** Each thing wrong, naming the artifact or blob (expected against actual hash). */
  problems: string[];
  /** The key to read the backup with, when it is encrypted and the right key was given. */
  sealing?: Sealing;
  blobsChecked: number;
}

/**
 * Checks a backup's stored bytes against its manifest: every artifact's sha256, and every blob read back
 * (decrypted) and hashed. An encrypted backup needs its own key, told apart by the id in the manifest.
 */
export async function checkIntegrity(
  dir: string,
  backupDir: string,
  manifest: Manifest,
  key: Buffer | undefined,
  say: Progress,
  /** false: the artifacts only (a restore checks each blob as it copies it back). @default true */
  blobs = true,
): Promise<Integrity> {
  const problems: string[] = [];
  let sealing: Sealing | undefined;
  let readable = true;
  if (manifest.encryption) {
    const given = sealingOf(key);
    if (!given) {
      problems.push(
        `backup ${manifest.id} is encrypted (key id ${manifest.encryption.keyId}); set BACKUP_ENCRYPTION_KEY`,
      );
      readable = false;
    } else if (given.keyId !== manifest.encryption.keyId) {
      problems.push(
        `BACKUP_ENCRYPTION_KEY is not the key backup ${manifest.id} was made with (key id ${given.keyId}, the backup's ${manifest.encryption.keyId})`,
      );
      readable = false;
    } else sealing = given;
  }
  for (const artifact of manifest.artifacts) {
    const problem = await checkArtifact(dir, artifact);
    if (problem) problems.push(problem);
  }
  let blobsChecked = 0;
  if (blobs && readable && 'blobs' in manifest.files) {
    const blobs = manifest.files.blobs;
    const checkOne = async (entry: BlobEntry) => {
      const problem = await checkStoredBlob(backupDir, entry, sealing);
      if (problem) problems.push(problem);
      blobsChecked++;
    };
    const checking = pMap(blobs, checkOne, { concurrency: BLOB_CONCURRENCY });
    await withTicker(checking, () => say(`files: ${blobsChecked}/${blobs.length} blobs checked`));
  }
  return { problems, sealing, blobsChecked };
}

/** A private folder for decrypted artifacts, inside BACKUP_DIR (same disk, same access), removed after. */
export async function withScratch<T>(backupDir: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(backupDir, '.work-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
