import { createHash, randomBytes } from 'node:crypto';
import { utimes, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { createRedis } from '@trae/kit';
import { testRedisUrl } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png, text } from './support/bytes.js';
import { type Harness, local, signer, startFiles } from './support/harness.js';
import type { TestUser } from './support/stand-ins.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FILE = 'query ($id: ID!) { file(id: $id) { id status sha256 size filename downloadUrl } }';

describe('uploads', () => {
  let h: Harness;
  let alice: TestUser;

  beforeAll(async () => {
    h = await startFiles({
      FILES_USER_QUOTA: String(4 * 1024 * 1024),
      FILES_MAX_SIZE: String(3 * 1024 * 1024),
      UPLOAD_IDLE_TIMEOUT_MS: '1000',
    });
    alice = await h.stands.user();
  });
  afterAll(() => h?.stop());

  const codeOf = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0].extensions;

  it('streams a PUT to storage, hashes it, and marks the file READY', async () => {
    const bytes = png(200_000);
    const { ticket, status, body } = await h.upload(alice, bytes, {
      filename: 'cat.png',
      contentType: 'image/png',
    });
    expect(ticket.file.status).toBe('PENDING');
    expect(ticket.uploadUrl).toMatch(
      /^http:\/\/gateway\.test\/files\/uploads\/[0-9a-f-]+\?expires=\d+&signature=/,
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'READY', sha256: sha(bytes), size: bytes.length });

    const file = (
      await h.gql<{ file: { status: string; downloadUrl: string } }>(FILE, { id: ticket.file.id }, alice)
    ).data!.file;
    expect(file.status).toBe('READY');
    const download = await fetch(local(h, file.downloadUrl));
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await h.stored()).blobs).toContain(sha(bytes));
  });

  it('appends file.ready to events:files with the owner once the bytes are stored', async () => {
    const bytes = text(1_000);
    const redis = createRedis(testRedisUrl(), h.redisPrefix);
    try {
      const { ticket, status } = await h.upload(alice, bytes, {
        filename: 'a.txt',
        contentType: 'text/plain',
      });

      expect(status).toBe(201);
      const ready = (await redis.xrange('events:files', '-', '+'))
        .map(([, f]) => ({ type: f[1], payload: JSON.parse(f[3]) as Record<string, unknown> }))
        .filter((e) => e.payload.fileId === ticket.file.id);
      expect(ready).toEqual([
        {
          type: 'file.ready',
          payload: {
            fileId: ticket.file.id,
            ownerId: alice.id,
            channelId: null,
            filename: 'a.txt',
            contentType: 'text/plain',
            size: bytes.length,
            sha256: sha(bytes),
            readyAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        },
      ]);
    } finally {
      redis.disconnect();
    }
  });

  it('takes a browser multipart POST', async () => {
    const bytes = pdf(5_000);
    const ticket = (
      await h.createUpload(alice, { filename: 'doc.pdf', contentType: 'application/pdf', size: bytes.length })
    ).data!.createUpload;
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'doc.pdf');
    const res = await fetch(local(h, ticket.uploadUrl), { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'READY', sha256: sha(bytes) });
  });

  it('stores identical bytes once and frees them with the last file', async () => {
    const bytes = text(10_000);
    const input = { filename: 'scores.csv', contentType: 'text/csv' };
    const a = await h.upload(alice, bytes, input);
    const b = await h.upload(alice, bytes, input);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await h.stored()).blobs.filter((n) => n === sha(bytes))).toHaveLength(1);

    const del = 'mutation ($id: ID!) { deleteFile(id: $id) }';
    await h.gql(del, { id: a.ticket.file.id }, alice);
    expect((await h.stored()).blobs).toContain(sha(bytes));
    await h.gql(del, { id: b.ticket.file.id }, alice);
    expect((await h.stored()).blobs).not.toContain(sha(bytes));
  });

  it('refuses bytes that are not the declared type, and keeps nothing', async () => {
    const lying = await h.upload(alice, pdf(10_000), { filename: 'x.png', contentType: 'image/png' });
    expect(lying.status).toBe(415);
    expect(lying.body).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'contentType' } }],
    });
    expect(JSON.stringify(lying.body)).toContain('application/pdf, not image/png');
    expect(codeOf(await h.gql(FILE, { id: lying.ticket.file.id }, alice))?.code).toBe('NOT_FOUND');

    const binaryCsv = await h.upload(alice, randomBytes(3_000), {
      filename: 'x.csv',
      contentType: 'text/csv',
    });
    expect(binaryCsv.status).toBe(415);
    const notJson = await h.upload(alice, text(100), { filename: 'x.json', contentType: 'application/json' });
    expect(notJson.status).toBe(415);
    expect((await h.stored()).staging).toEqual([]);
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/files_uploads_total\{[^}]*outcome="refused"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/files_uploaded_bytes_total\{[^}]*\} [1-9]/);
  });

  it('refuses a body longer or shorter than declared', async () => {
    const create = async () =>
      (await h.createUpload(alice, { filename: 'a.csv', contentType: 'text/csv', size: 1000 })).data!
        .createUpload;

    const declaredLonger = await fetch(local(h, (await create()).uploadUrl), {
      method: 'PUT',
      body: text(1500),
    });
    expect(declaredLonger.status).toBe(413);

    // Chunked: no Content-Length, so the meter has to catch it while streaming.
    const ticket = await create();
    const chunked = await fetch(local(h, ticket.uploadUrl), {
      method: 'PUT',
      body: new Blob([text(800), text(800)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(codeOf((await chunked.json()) as never)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
    expect(codeOf(await h.gql(FILE, { id: ticket.file.id }, alice))?.code).toBe('NOT_FOUND');

    const shorter = await fetch(local(h, (await create()).uploadUrl), {
      method: 'PUT',
      body: new Blob([text(600)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(shorter.status).toBe(400);
    expect(await shorter.text()).toContain('ended after 600 of the declared 1000 bytes');
    expect((await h.stored()).staging).toEqual([]);
  });

  it('refuses tampered, expired, reused and misdirected upload links', async () => {
    const bytes = text(50);
    const a = (await h.createUpload(alice, { filename: 'a.txt', contentType: 'text/plain', size: 50 })).data!
      .createUpload;
    const b = (await h.createUpload(alice, { filename: 'b.txt', contentType: 'text/plain', size: 50 })).data!
      .createUpload;
    const put = (url: string) => fetch(url, { method: 'PUT', body: bytes });
    const aUrl = new URL(local(h, a.uploadUrl));

    const tampered = new URL(aUrl);
    tampered.searchParams.set('expires', String(Number(aUrl.searchParams.get('expires')) + 3600));
    const tamperedRes = await put(tampered.toString());
    expect(tamperedRes.status).toBe(403);
    expect(await tamperedRes.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });

    // a's signature on b's id opens nothing.
    const misdirected = new URL(aUrl);
    misdirected.pathname = `/files/uploads/${b.file.id}`;
    expect((await put(misdirected.toString())).status).toBe(403);

    const expired = signer.uploadUrl(a.file.id, new Date(Date.now() - 1000));
    const expiredRes = await put(local(h, expired.url));
    expect(expiredRes.status).toBe(403);
    expect(await expiredRes.text()).toContain('expired');

    expect((await put(aUrl.toString())).status).toBe(201);
    const again = await put(aUrl.toString());
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: [{ extensions: { code: 'CONFLICT' } }] });
  });

  it('leaves nothing behind when the client hangs up, and the ticket can be retried', async () => {
    const bytes = png(1024 * 1024);
    const ticket = (
      await h.createUpload(alice, { filename: 'big.png', contentType: 'image/png', size: bytes.length })
    ).data!.createUpload;
    const url = new URL(local(h, ticket.uploadUrl));
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: 'PUT', headers: { 'content-length': bytes.length } });
      req.on('error', () => resolve());
      req.write(bytes.subarray(0, 300_000), () => setTimeout(() => req.destroy(), 100));
      req.on('close', () => resolve());
    });
    await expect
      .poll(
        async () =>
          (await h.gql<{ file: { status: string } }>(FILE, { id: ticket.file.id }, alice)).data?.file.status,
      )
      .toBe('PENDING');
    await expect.poll(async () => (await h.stored()).staging).toEqual([]);

    const retry = await fetch(url, { method: 'PUT', body: bytes });
    expect(retry.status).toBe(201);
  });

  it('gives up on a client that stops sending, and the ticket can be retried', async () => {
    const bytes = text(2000);
    const ticket = (
      await h.createUpload(alice, { filename: 'slow.csv', contentType: 'text/csv', size: bytes.length })
    ).data!.createUpload;
    const url = new URL(local(h, ticket.uploadUrl));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'PUT', headers: { 'content-length': bytes.length } }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(bytes.subarray(0, 500));
    });
    expect(answer.status).toBe(408);
    expect(answer.body).toContain('No bytes arrived for 1000 ms');
    expect((await fetch(url, { method: 'PUT', body: bytes })).status).toBe(201);
  });

  it('checks the metadata before issuing a ticket', async () => {
    const bad = async (input: Record<string, unknown>) =>
      codeOf(
        await h.createUpload(alice, { filename: 'ok.txt', contentType: 'text/plain', size: 10, ...input }),
      );
    for (const filename of ['../../etc/passwd', 'a/b.txt', 'a\\b.txt', '..', 'nul\u0000.txt', '   ']) {
      expect(await bad({ filename })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filename' });
    }
    expect(await bad({ size: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
    expect(await bad({ size: 3 * 1024 * 1024 + 1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
    expect(await bad({ contentType: 'text/html' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contentType',
    });
    expect(await bad({ channelId: 'not-a-uuid' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'channelId',
    });
    expect(
      codeOf(
        await h.gql(
          'mutation { createUpload(input: { filename: "a", contentType: "text/plain", size: 1 }) { uploadUrl } }',
        ),
      ),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });

    const tidy = await h.createUpload(alice, {
      filename: '  my: "report" .txt. ',
      contentType: 'TEXT/PLAIN; charset=utf-8',
      size: 5,
    });
    const id = tidy.data!.createUpload.file.id;
    const file = await h.gql<{ file: { filename: string } }>(FILE, { id }, alice);
    expect(file.data?.file.filename).toBe('my_ _report_ .txt');
  });

  it('refuses a filename or content type longer than the input allows, naming the field', async () => {
    const bad = async (input: Record<string, unknown>) =>
      codeOf(
        await h.createUpload(alice, { filename: 'ok.txt', contentType: 'text/plain', size: 10, ...input }),
      );
    expect(await bad({ filename: `${'a'.repeat(1021)}.txt` })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filename',
    });
    expect(await bad({ contentType: `text/${'x'.repeat(123)}` })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contentType',
    });
  });

  it('enforces the per-user quota, counting open tickets', async () => {
    const bob = await h.stands.user();
    const first = await h.createUpload(bob, {
      filename: 'a.png',
      contentType: 'image/png',
      size: 3 * 1024 * 1024,
    });
    expect(first.errors).toBeUndefined();
    const over = codeOf(
      await h.createUpload(bob, { filename: 'b.png', contentType: 'image/png', size: 1024 * 1024 + 1 }),
    );
    expect(over).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size', quotaBytes: 4 * 1024 * 1024 });
    const usage = await h.gql<{ storageUsage: { usedBytes: number; quotaBytes: number } }>(
      '{ storageUsage { usedBytes quotaBytes fileCount allowedTypes } }',
      {},
      bob,
    );
    expect(usage.data?.storageUsage).toMatchObject({
      usedBytes: 3 * 1024 * 1024,
      quotaBytes: 4 * 1024 * 1024,
    });
  });

  it('sweeps expired tickets and stray staging files, and frees dead uploads for a retry', async () => {
    const carol = await h.stands.user();
    const ticket = async () =>
      (await h.createUpload(carol, { filename: 'late.txt', contentType: 'text/plain', size: 5 })).data!
        .createUpload;
    const expired = await ticket();
    const dead = await ticket();
    const live = await ticket();
    await h.sql(`update files set upload_expires_at = now() - interval '1 second' where id = $1`, [
      expired.file.id,
    ]);
    await h.sql(`update files set status = 'UPLOADING', lease_at = now() - interval '1 hour' where id = $1`, [
      dead.file.id,
    ]);
    const stray = join(h.dir, 'staging', 'left-by-a-crash');
    await writeFile(stray, 'partial');
    await utimes(stray, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));

    expect(await h.files.services.sweeper.sweep()).toEqual({ tickets: 1, stalled: 1, staged: 1 });
    const status = async (id: string) =>
      (await h.gql<{ file: { status: string } }>(FILE, { id }, carol)).errors?.[0].extensions.code ?? 'FOUND';
    expect([await status(expired.file.id), await status(dead.file.id), await status(live.file.id)]).toEqual([
      'NOT_FOUND',
      'FOUND',
      'FOUND',
    ]);
    const retried = await fetch(local(h, dead.uploadUrl), { method: 'PUT', body: 'hello' });
    expect(retried.status).toBe(201);
    expect((await h.stored()).staging).toEqual([]);
  });
});
