import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { RecoveryEnv } from './env.js';

/** Where backups are copied off the machine: an S3-compatible bucket (BACKUP_S3_*). */
export interface RemoteOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Key prefix, so one bucket can hold several deployments' backups. */
  prefix: string;
}

export interface RemoteStore {
  options: RemoteOptions;
  client: S3Client;
}

/** The files service's S3 client settings (subgraphs/files s3-storage.ts), for the backup bucket. */
export function remoteStore(options: RemoteOptions): RemoteStore {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // Several S3-compatible servers refuse aws-chunked bodies; every byte is checked by sha256 anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { options, client };
}

/** The backup bucket, when BACKUP_S3_BUCKET is set. */
export function remoteOf(
  config: Pick<RecoveryEnv, `BACKUP_S3_${string}` & keyof RecoveryEnv>,
): RemoteStore | undefined {
  if (!config.BACKUP_S3_BUCKET) return undefined;
  return remoteStore({
    bucket: config.BACKUP_S3_BUCKET,
    region: config.BACKUP_S3_REGION,
    endpoint: config.BACKUP_S3_ENDPOINT,
    accessKeyId: config.BACKUP_S3_ACCESS_KEY_ID,
    secretAccessKey: config.BACKUP_S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.BACKUP_S3_FORCE_PATH_STYLE,
    prefix: config.BACKUP_S3_PREFIX,
  });
}

export const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** A path under BACKUP_DIR as the bucket names it: the same relative path, after the prefix. */
export const remoteKey = (store: RemoteStore, path: string) => `${store.options.prefix}${path}`;

export async function putFile(store: RemoteStore, key: string, file: string, signal?: AbortSignal) {
  const { size } = await stat(file);
  const Body = createReadStream(file);
  await store.client.send(
    new PutObjectCommand({ Bucket: store.options.bucket, Key: key, Body, ContentLength: size }),
    { abortSignal: signal },
  );
  return size;
}

export async function putBytes(
  store: RemoteStore,
  key: string,
  Body: Buffer,
  Metadata?: Record<string, string>,
) {
  await store.client.send(new PutObjectCommand({ Bucket: store.options.bucket, Key: key, Body, Metadata }));
}

export async function sizeOf(store: RemoteStore, key: string): Promise<number | undefined> {
  try {
    const head = await store.client.send(new HeadObjectCommand({ Bucket: store.options.bucket, Key: key }));
    return head.ContentLength;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** An object's user metadata, or undefined when there is no such object. */
export async function headMetadata(
  store: RemoteStore,
  key: string,
): Promise<Record<string, string> | undefined> {
  try {
    const head = await store.client.send(new HeadObjectCommand({ Bucket: store.options.bucket, Key: key }));
    return head.Metadata ?? {};
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** An object's bytes, or undefined when there is no such object. */
export async function getBytes(store: RemoteStore, key: string): Promise<Buffer | undefined> {
  try {
    const out = await store.client.send(new GetObjectCommand({ Bucket: store.options.bucket, Key: key }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Every object under `prefix` (all pages), with when it was written. */
export async function listObjects(
  store: RemoteStore,
  prefix: string,
): Promise<{ key: string; modified: Date }[]> {
  const out: { key: string; modified: Date }[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await store.client.send(
      new ListObjectsV2Command({ Bucket: store.options.bucket, Prefix: prefix, ContinuationToken }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key) out.push({ key: o.Key, modified: o.LastModified ?? new Date(0) });
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return out;
}

export const listKeys = async (store: RemoteStore, prefix: string) =>
  (await listObjects(store, prefix)).map((o) => o.key);

/** Deletes these keys, 1,000 per request (S3's limit); a key that failed to go fails the call. */
export async function deleteKeys(store: RemoteStore, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const out = await store.client.send(
      new DeleteObjectsCommand({
        Bucket: store.options.bucket,
        Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const failed = out.Errors?.[0];
    if (failed) throw new Error(`s3: could not delete ${failed.Key}: ${failed.Code} ${failed.Message ?? ''}`);
  }
}
