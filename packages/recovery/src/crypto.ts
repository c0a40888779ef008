import { createCipheriv, createDecipheriv, createHash, type DecipherGCM, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** What an encrypted artifact starts with, so a plain file given as encrypted (or the reverse) is told apart. */
const MAGIC = Buffer.from('TRAEBK1\0');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes encryption adds to an artifact: the header (magic, IV) and the GCM tag. */
export const ENCRYPTION_OVERHEAD = MAGIC.length + IV_BYTES + TAG_BYTES;
export const KEY_BYTES = 32;

/**
 * BACKUP_ENCRYPTION_KEY: 32 random bytes as base64 (`openssl rand -base64 32`) or 64 hex digits.
 * Anything else is refused; a key that silently became shorter would be a weaker one.
 */
export function parseKey(text: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  if (key?.length !== KEY_BYTES) {
    throw new Error('must be 32 bytes as base64 (openssl rand -base64 32) or 64 hex digits');
  }
  return key;
}

/** Names the key in manifests and blob names without revealing it: a hash of 32 random bytes. */
export const keyIdOf = (key: Buffer) =>
  createHash('sha256').update('trae-backup-key:').update(key).digest('hex').slice(0, 16);

/** AES-256-GCM: header (magic, random IV), ciphertext, then the 16-byte tag. */
export function encryptStream(key: Buffer): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, iv]));
      }
      done(null, cipher.update(chunk));
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, iv]));
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Thrown when an artifact is not ours, was altered, or the key is another one. */
export class DecryptionError extends Error {}

/**
 * The reverse of encryptStream. The last 16 bytes are held back as the tag; a wrong key or any altered
 * byte fails at the end, so callers write to a temporary place and use it only once the stream ended.
 */
export function decryptStream(key: Buffer): Transform {
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let data = chunk;
      if (!decipher) {
        header = Buffer.concat([header, data]);
        if (header.length < MAGIC.length + IV_BYTES) return done();
        if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
          return done(new DecryptionError('not an encrypted backup artifact'));
        }
        decipher = createDecipheriv(
          'aes-256-gcm',
          key,
          header.subarray(MAGIC.length, MAGIC.length + IV_BYTES),
        );
        data = header.subarray(MAGIC.length + IV_BYTES);
      }
      const all = Buffer.concat([tail, data]);
      tail = all.subarray(Math.max(0, all.length - TAG_BYTES));
      done(null, decipher.update(all.subarray(0, all.length - tail.length)));
    },
    flush(done: TransformCallback) {
      if (!decipher || tail.length < TAG_BYTES)
        return done(new DecryptionError('encrypted artifact is truncated'));
      try {
        decipher.setAuthTag(tail);
        done(null, decipher.final());
      } catch {
        done(new DecryptionError('authentication failed: another key, or the artifact was altered'));
      }
    },
  });
}

/** encryptStream for bytes already in memory (a WAL segment), in the same format. */
export function encryptBuffer(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([MAGIC, iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** decryptStream for bytes in memory; DecryptionError on another key, a foreign or an altered file. */
export function decryptBuffer(key: Buffer, sealed: Buffer): Buffer {
  const head = MAGIC.length + IV_BYTES;
  if (sealed.length < head + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DecryptionError('not an encrypted backup artifact');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(MAGIC.length, head));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(head, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError('authentication failed: another key, or the artifact was altered');
  }
}
