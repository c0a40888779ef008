import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES, typeMismatch } from './content-type.js';
import { UploadErrors } from './upload-error.js';

/**
 * Counts and hashes the bytes as they pass. More than `size` fails at once (nothing more is read), fewer
 * fails at the end, and `idleMs` without a byte fails a stalled client.
 */
export class Meter extends Transform {
  bytes = 0;
  sha256 = '';
  private readonly hash = createHash('sha256');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly size: number,
    private readonly idleMs: number,
  ) {
    super();
    this.arm();
  }

  private arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.destroy(UploadErrors.idle(this.idleMs)), this.idleMs);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.size) {
      done(UploadErrors.tooLarge(this.size));
      return;
    }
    this.arm();
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback) {
    clearTimeout(this.timer);
    if (this.bytes < this.size) {
      done(UploadErrors.tooShort(this.size, this.bytes));
      return;
    }
    this.sha256 = this.hash.digest('hex');
    done();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void) {
    clearTimeout(this.timer);
    done(err);
  }
}

/**
 * Holds back the first bytes until there are enough to recognise the format, then lets everything through
 * or fails the upload when the bytes are not the declared type.
 */
export class Sniffer extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private checked = false;

  constructor(private readonly declared: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (this.checked) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      done();
      return;
    }
    this.release(false).then(() => done(), done);
  }

  override _flush(done: TransformCallback) {
    if (this.checked) {
      done();
      return;
    }
    this.release(true).then(() => done(), done);
  }

  private async release(complete: boolean) {
    const head = Buffer.concat(this.head);
    this.head = [];
    const reason = await typeMismatch(this.declared, head.subarray(0, SNIFF_BYTES), complete);
    if (reason) throw UploadErrors.wrongType(reason);
    this.checked = true;
    this.push(head);
  }
}
