import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { integrationMetrics } from '@trae/kit';
import type { Registry } from 'prom-client';
import { assertSha256, assertStagingName, type ByteRange, type Staged, type Storage } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Key prefix, so one bucket can hold several deployments. */
  prefix: string;
}

/** S3 caps a single PUT (and a single server-side copy) at 5 GiB. */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 3;

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Any S3-compatible store. Uploads are one streaming PUT of known length to `staging/`, then a
 * server-side copy to `blobs/<sha256>`: the bytes cross our process once and are never buffered whole.
 */
/** How metrics name S3 (`integration="s3"`). */
export const S3_SERVICE = 's3';

export class S3Storage implements Storage {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // The default trailing CRC32 needs aws-chunked bodies, which several S3-compatible servers refuse;
      // we verify integrity ourselves with the sha256 we compute on the way in.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(kind: 'blobs' | 'staging', name: string): string {
    if (kind === 'blobs') assertSha256(name);
    else assertStagingName(name);
    return `${this.options.prefix}${kind}/${name}`;
  }

  async stage(body: Readable, size: number, name = randomUUID()): Promise<Staged> {
    const Key = this.key('staging', name);
    const { bucket: Bucket } = this.options;
    // The SDK pipes the body into its request and would wait forever for a source that failed.
    const abort = new AbortController();
    const onError = (err?: Error) => abort.abort(err ?? new Error('upload aborted'));
    body.once('error', onError);
    body.once('close', () => {
      if (!body.readableEnded) onError();
    });
    try {
      await this.client.send(new PutObjectCommand({ Bucket, Key, Body: body, ContentLength: size }), {
        abortSignal: abort.signal,
      });
    } catch (err) {
      await this.deleteKey(Key).catch(() => undefined);
      throw abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : err;
    } finally {
      body.off('error', onError);
    }
    return {
      commit: async (sha256) => {
        if (!(await this.exists(sha256))) {
          await this.client.send(
            new CopyObjectCommand({
              Bucket,
              Key: this.key('blobs', sha256),
              CopySource: `${Bucket}/${Key.split('/').map(encodeURIComponent).join('/')}`,
            }),
          );
        }
        await this.deleteKey(Key);
      },
      discard: () => this.deleteKey(Key),
    };
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.options.bucket,
        Key: this.key('blobs', sha256),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return out.Body as Readable;
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key('blobs', sha256) }),
      );
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  remove(sha256: string): Promise<void> {
    return this.deleteKey(this.key('blobs', sha256));
  }

  async sweepStaging(olderThanMs: number, keep: ReadonlySet<string> = new Set()): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const staging = `${this.options.prefix}staging/`;
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: staging,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || keep.has(object.Key.slice(staging.length))) continue;
        // An object appears once its PUT completes, so a live upload's bytes are seconds old at most.
        if (object.LastModified && object.LastModified.getTime() < cutoff) {
          await this.deleteKey(object.Key);
          removed++;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }

  discardStaged(name: string): Promise<void> {
    return this.deleteKey(this.key('staging', name));
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (err) {
      // Health answers travel to dashboards: say what failed, never the endpoint, bucket or key.
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const reason = !status
        ? 'unreachable'
        : status === 403 || status === 401
          ? 'credentials refused'
          : status === 404
            ? 'bucket not found'
            : `HTTP ${status}`;
      throw new Error(`S3 ${reason}`, { cause: err });
    }
  }

  /**
   * Every S3 call as the `s3` integration (the kit's `integration_*` series, like Base44 and SMTP), by
   * command. A 4xx (HeadObject's NotFound is how `exists` answers no) is an outcome, not a failure.
   */
  observe(registry: Registry): void {
    const m = integrationMetrics(registry);
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const method = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        const end = m.duration.startTimer({ integration: S3_SERVICE, method });
        try {
          const out = await next(args);
          m.requests.inc({ integration: S3_SERVICE, method, outcome: 'ok' });
          return out;
        } catch (err) {
          const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          const outcome = !status ? 'network' : status >= 500 ? 'http_5xx' : 'http_4xx';
          m.requests.inc({ integration: S3_SERVICE, method, outcome });
          if (outcome !== 'http_4xx') m.failures.inc({ integration: S3_SERVICE, reason: outcome });
          throw err;
        } finally {
          end();
        }
      },
      { step: 'initialize', name: 'traeIntegrationMetrics' },
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async deleteKey(Key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key }));
  }
}
