import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Errors } from '@trae/kit';
import pMap from 'p-map';
import { BLOB_CONCURRENCY, storedBlobPath } from './blob-store.js';
import {
  BACKUP_ID,
  MANIFEST_FILE,
  type Manifest,
  manifestSchema,
  parseBackupId,
  readManifest,
  writeManifest,
} from './manifest.js';
import { type Progress, silent } from './progress.js';
import { isNotFound, putFile, type RemoteStore, remoteKey, sizeOf } from './remote-objects.js';

export { type RemoteOptions, type RemoteStore, remoteStore } from './remote-objects.js';

/** Downloads an object to `file` (through `<file>.part`, so a cut download never looks whole). */
export async function getFile(store: RemoteStore, key: string, file: string) {
  const tmp = `${file}.part`;
  await mkdir(dirname(file), { recursive: true });
  try {
    const out = await store.client.send(new GetObjectCommand({ Bucket: store.options.bucket, Key: key }));
    await pipeline(out.Body as Readable, createWriteStream(tmp));
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    if (isNotFound(err)) throw Errors.notFound(`s3://${store.options.bucket}/${key}`);
    throw err;
  }
}

export interface PushResult {
  objects: number;
  bytes: number;
  /** Blobs the bucket already held (an earlier backup uploaded them). */
  blobsKept: number;
}

/**
 * Copies a complete backup to the bucket: its blobs that the bucket lacks (incremental, as locally),
 * its artifacts, and the manifest **last**, so a backup is listed remotely only once all of it is there.
 */
export async function pushBackup(
  store: RemoteStore,
  backupDir: string,
  manifest: Manifest,
  options: { onProgress?: Progress; signal?: AbortSignal } = {},
): Promise<PushResult> {
  const say = options.onProgress ?? silent;
  const sealing = manifest.encryption ?? undefined;
  const result: PushResult = { objects: 0, bytes: 0, blobsKept: 0 };
  const blobs = 'blobs' in manifest.files ? manifest.files.blobs : [];
  await pMap(
    blobs,
    async (blob) => {
      const path = storedBlobPath(backupDir, blob.sha256, sealing);
      const key = remoteKey(store, relative(backupDir, path));
      const { size } = await stat(path);
      if ((await sizeOf(store, key)) === size) return void result.blobsKept++;
      result.bytes += await putFile(store, key, path, options.signal);
      result.objects++;
    },
    { concurrency: BLOB_CONCURRENCY },
  );
  for (const name of [...manifest.artifacts.map((a) => a.name), MANIFEST_FILE]) {
    result.bytes += await putFile(
      store,
      remoteKey(store, `${manifest.id}/${name}`),
      join(backupDir, manifest.id, name),
    );
    result.objects++;
  }
  say(
    `s3: ${result.objects} objects (${result.bytes} bytes) to s3://${store.options.bucket}/${store.options.prefix}, ${result.blobsKept} blobs already there`,
  );
  return result;
}

/** Ids of the complete backups in the bucket (those whose manifest is there), newest first. */
export async function listRemoteBackups(store: RemoteStore): Promise<string[]> {
  const found: { id: string; createdAt: string }[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await store.client.send(
      new ListObjectsV2Command({
        Bucket: store.options.bucket,
        Prefix: store.options.prefix,
        Delimiter: '/',
        ContinuationToken,
      }),
    );
    for (const p of page.CommonPrefixes ?? []) {
      const id = p.Prefix?.slice(store.options.prefix.length, -1) ?? '';
      if (!BACKUP_ID.test(id)) continue;
      // The manifest is written last: without one (or with one this tool cannot read) it is no backup.
      const manifest = await remoteManifest(store, id).catch((err: unknown) => {
        const code = (err as { extensions?: { code?: string } }).extensions?.code;
        if (code === 'NOT_FOUND' || code === 'CONFLICT') return undefined;
        throw err;
      });
      if (manifest) found.push({ id, createdAt: manifest.createdAt });
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  // By the instant, not the id: two backups within one second differ only by their random suffix.
  return found
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .map((b) => b.id);
}

/** A backup's manifest as the bucket holds it: NOT_FOUND, or CONFLICT when it is not one. */
async function remoteManifest(store: RemoteStore, id: string): Promise<Manifest> {
  const Key = remoteKey(store, `${id}/${MANIFEST_FILE}`);
  let text: string;
  try {
    const out = await store.client.send(new GetObjectCommand({ Bucket: store.options.bucket, Key }));
    text = (await out.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    if (isNotFound(err))
      throw Errors.notFound(`Backup ${id} in s3://${store.options.bucket}/${store.options.prefix}`);
    throw err;
  }
  const parsed = manifestSchema.safeParse(
    (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success)
    throw Errors.conflict(`Backup ${id} in the bucket: ${MANIFEST_FILE} is not a manifest this tool reads`);
  return parsed.data;
}

/**
 * Brings a backup from the bucket into BACKUP_DIR (a lost machine's restore, or one made elsewhere):
 * its artifacts, the blobs not already in the local store, and the manifest last, as a backup is
 * written. Nothing is trusted: verify and restore check every byte against the manifest.
 */
export async function pullBackup(
  store: RemoteStore,
  backupDir: string,
  given: string,
  say: Progress = silent,
): Promise<Manifest> {
  const id = parseBackupId(given);
  const dir = join(backupDir, id);
  if (await stat(join(dir, MANIFEST_FILE)).catch(() => undefined)) return readManifest(backupDir, id);
  let fetched = 0;
  let manifest: Manifest;
  try {
    manifest = await remoteManifest(store, id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const a of manifest.artifacts)
      await getFile(store, remoteKey(store, `${id}/${a.name}`), join(dir, a.name));
    const sealing = manifest.encryption ?? undefined;
    const blobs = 'blobs' in manifest.files ? manifest.files.blobs : [];
    await pMap(
      blobs,
      async (blob) => {
        const path = storedBlobPath(backupDir, blob.sha256, sealing);
        if (await stat(path).catch(() => undefined)) return;
        await getFile(store, remoteKey(store, relative(backupDir, path)), path);
        fetched++;
      },
      { concurrency: BLOB_CONCURRENCY },
    );
    await writeManifest(dir, manifest);
  } catch (err) {
    // Half a backup is none: the folder goes, so it is never listed complete nor restored.
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  say(`s3: backup ${id} fetched (${manifest.artifacts.length} artifacts, ${fetched} blobs)`);
  return manifest;
}
