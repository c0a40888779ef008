import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sealing } from './blob-store.js';
import { DecryptionError, decryptStream, encryptStream } from './crypto.js';
import { hashFile, hashing } from './hashing.js';
import type { Artifact } from './manifest.js';

/**
 * A file of the backup being written: what goes into `stream` is encrypted when sealing is on, and the
 * stored bytes are hashed on their way to disk (the manifest's size and sha256 are of what is stored).
 */
export function artifactWriter(dir: string, name: string, kind: Artifact['kind'], sealing?: Sealing) {
  const fileName = sealing ? `${name}.enc` : name;
  const hash = hashing();
  const file = createWriteStream(join(dir, fileName), { mode: 0o600 });
  const input = sealing ? encryptStream(sealing.key) : hash.stream;
  const written = sealing ? pipeline(input, hash.stream, file) : pipeline(hash.stream, file);
  return {
    stream: input as Writable,
    get bytes() {
      return hash.bytes;
    },
    async done(): Promise<Artifact> {
      await written;
      return { name: fileName, kind, size: hash.bytes, sha256: hash.digest(), encrypted: Boolean(sealing) };
    },
  };
}

/** Writes a small artifact (settings, supergraph) in one go. */
export async function writeArtifact(
  dir: string,
  name: string,
  kind: Artifact['kind'],
  text: string,
  sealing?: Sealing,
) {
  const writer = artifactWriter(dir, name, kind, sealing);
  await pipeline(Readable.from([Buffer.from(text)]), writer.stream);
  return writer.done();
}

/** What is wrong with a stored artifact's bytes (size, sha256), or undefined when they match the manifest. */
export async function checkArtifact(dir: string, artifact: Artifact): Promise<string | undefined> {
  const seen = await hashFile(join(dir, artifact.name)).catch(() => undefined);
  if (!seen) return `artifact ${artifact.name}: missing`;
  if (seen.sha256 !== artifact.sha256) {
    return `artifact ${artifact.name}: expected sha256 ${artifact.sha256}, got ${seen.sha256} (${seen.size} bytes, expected ${artifact.size})`;
  }
  return undefined;
}

/**
 * The artifact's plaintext in a file: the stored one when not encrypted, else decrypted into `scratch`
 * (a decryption failure rejects before anything uses it). `release` removes what was made.
 */
export async function plainArtifact(dir: string, artifact: Artifact, scratch: string, sealing?: Sealing) {
  const stored = join(dir, artifact.name);
  if (!artifact.encrypted) return { path: stored, release: async () => {} };
  if (!sealing) throw new DecryptionError(`artifact ${artifact.name} is encrypted and no key was given`);
  const path = join(scratch, `${artifact.name}.plain`);
  try {
    await pipeline(
      createReadStream(stored),
      decryptStream(sealing.key),
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof DecryptionError)
      throw new DecryptionError(`artifact ${artifact.name}: ${err.message}`);
    throw err;
  }
  return { path, release: () => rm(path, { force: true }) };
}
