import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text as readText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '../src/modules/storage/local-storage.js';
import { S3Storage } from '../src/modules/storage/s3-storage.js';
import type { Storage } from '../src/modules/storage/storage.js';
import { png } from './support/bytes.js';
import { type Harness, local, startFiles } from './support/harness.js';
import { type LocalS3, startLocalS3 } from './support/s3.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytesOf = async (s: Readable) => Buffer.concat(await s.toArray());

/** The same contract for every implementation. */
function contract(name: string, make: () => Promise<Storage>) {
  describe(`${name} storage`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await make();
    });
    afterAll(() => storage?.close());

    it('publishes staged bytes under their hash, reads whole and ranged', async () => {
      const body = randomBytes(70_000);
      const staged = await storage.stage(
        Readable.from([body.subarray(0, 30_000), body.subarray(30_000)]),
        body.length,
      );
      expect(await storage.exists(sha(body))).toBe(false);
      await staged.commit(sha(body));
      expect(await storage.exists(sha(body))).toBe(true);
      expect((await bytesOf(await storage.open(sha(body)))).equals(body)).toBe(true);
      const part = await bytesOf(await storage.open(sha(body), { start: 100, end: 199 }));
      expect(part.equals(body.subarray(100, 200))).toBe(true);
    });

    it('keeps one blob for identical bytes, and removes it', async () => {
      const body = Buffer.from('same bytes twice');
      await (await storage.stage(Readable.from([body]), body.length)).commit(sha(body));
      await (await storage.stage(Readable.from([body]), body.length)).commit(sha(body));
      expect(await readText(await storage.open(sha(body)))).toBe('same bytes twice');
      await storage.remove(sha(body));
      expect(await storage.exists(sha(body))).toBe(false);
      expect(await storage.sweepStaging(0)).toBe(0);
    });

    it('keeps nothing of a discarded or failed stage', async () => {
      const body = Buffer.from('discard me');
      await (await storage.stage(Readable.from([body]), body.length)).discard();
      const failing = new Readable({
        read() {
          this.push(randomBytes(1000));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(storage.stage(failing, 5000)).rejects.toThrow('client went away');
      expect(await storage.sweepStaging(0)).toBe(0);
    });

    it('refuses keys that are not digests', async () => {
      await expect(storage.open('../../etc/passwd')).rejects.toThrow('not a sha256 digest');
    });
  });
}

let dir: string;
let s3: LocalS3;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trae-storage-'));
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

contract('local', () => LocalStorage.create(dir));
contract(
  's3',
  async () =>
    new S3Storage({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'contract/',
    }),
);

describe('the files service on S3', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startFiles(s3.env);
  });
  afterAll(() => h?.stop());

  it('uploads, ranges and deletes through S3', async () => {
    const user = await h.stands.user();
    const image = png(300_000);
    const { ticket, status } = await h.upload(user, image, { filename: 's3.png', contentType: 'image/png' });
    expect(status).toBe(201);
    const url = (
      await h.gql<{ file: { downloadUrl: string } }>(
        'query ($id: ID!) { file(id: $id) { downloadUrl } }',
        { id: ticket.file.id },
        user,
      )
    ).data!.file.downloadUrl;
    const whole = await fetch(local(h, url));
    expect(Buffer.from(await whole.arrayBuffer()).equals(image)).toBe(true);
    const range = await fetch(local(h, url), { headers: { range: 'bytes=1000-1999' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(image.subarray(1000, 2000))).toBe(true);
    expect(await h.files.storage.exists(sha(image))).toBe(true);

    const lying = await h.upload(user, randomBytes(10_000), { filename: 'x.png', contentType: 'image/png' });
    expect(lying.status).toBe(415);

    await h.gql('mutation ($id: ID!) { deleteFile(id: $id) }', { id: ticket.file.id }, user);
    expect(await h.files.storage.exists(sha(image))).toBe(false);
    expect(await h.files.storage.sweepStaging(0)).toBe(0);

    // Every call above is counted as the s3 integration; a NotFound is an outcome, not a failure (the
    // refused upload's PUT, cut short by us, is).
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(
      /integration_requests_total\{[^}]*integration="s3",method="PutObject",outcome="ok"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /integration_requests_total\{[^}]*integration="s3",method="HeadObject",outcome="http_4xx"[^}]*\} [1-9]/,
    );
    expect(metrics).not.toMatch(/integration_failures_total\{[^}]*reason="http_4xx"/);
  });

  it('fails at boot, naming the variable, when the bucket is unreachable', async () => {
    await expect(startFiles({ ...s3.env, FILES_S3_BUCKET: 'no-such-bucket' })).rejects.toThrow(
      /FILES_S3_BUCKET/,
    );
  });
});
