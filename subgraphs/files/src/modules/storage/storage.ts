import type { Readable } from 'node:stream';
import type { Registry } from 'prom-client';

/** Inclusive byte range, as in an HTTP `Range` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Bytes written to a private staging place, not yet visible under their content address. */
export interface Staged {
  /** Moves the bytes to their content address; when identical bytes are already there, drops these. */
  commit(sha256: string): Promise<void>;
  /** Forgets the staged bytes (a refused or aborted upload). Safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Where file bytes live. Blobs are content-addressed by sha256, so identical bytes are stored once and
 * many files may point at one blob; the caller decides when a blob has no file left.
 */
export interface Storage {
  readonly kind: 'local' | 's3';
  /**
   * Streams `body` into staging under `name` (an upload attempt's uuid; a fresh one by default). `size`
   * is the exact length the caller has already enforced. Rejects (and keeps nothing) when the body errors
   * or is destroyed.
   */
  stage(body: Readable, size: number, name?: string): Promise<Staged>;
  /** The blob's bytes, or one range of them. */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
  /**
   * Deletes staging leftovers of crashed processes: everything untouched for `olderThanMs` whose name is
   * not in `keep` (attempts still live). Returns how many.
   */
  sweepStaging(olderThanMs: number, keep?: ReadonlySet<string>): Promise<number>;
  /** Deletes what staging holds under `name` (an attempt known dead), if anything. */
  discardStaged(name: string): Promise<void>;
  /** Throws when the storage cannot be reached. */
  check(): Promise<void>;
  /** Counts and times its calls in the service's metrics, for storage that is a remote service (S3). */
  observe?(registry: Registry): void;
  close(): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertStagingName(name: string): void {
  // Staging names become paths and object names too.
  if (!UUID.test(name)) throw new Error(`not a staging name: ${name.slice(0, 80)}`);
}

export function assertSha256(sha256: string): void {
  // Keys become paths and object names; only a well-formed digest may reach them.
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 digest: ${sha256.slice(0, 80)}`);
}
