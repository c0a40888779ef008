import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { DEFAULT_RESTARTS, type RestartEvent } from '@trae/launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const SIZE = 32 * 1024 * 1024;
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }';
const CREATE = 'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }';
const FILE = 'query ($id: ID!) { file(id: $id) { status size sha256 } }';
const USAGE = '{ storageUsage { usedBytes fileCount } }';
type FileRow = { status: string; size: number; sha256: string | null };

/** The files service killed with -9 in the middle of an upload through the gateway; the launcher restarts it. */
describe('fault: files killed mid-upload', () => {
  let p: Platform;
  let token: string;
  const restarts: RestartEvent[] = [];
  const staged = () => readdir(join(p.filesDir, 'staging')).catch(() => [] as string[]);
  const file = async (id: string) => (await p.gql<{ file: FileRow }>(FILE, { id }, token)).data?.file;
  const usage = async () => (await p.gql<{ storageUsage: unknown }>(USAGE, {}, token)).data?.storageUsage;

  beforeAll(async () => {
    p = await bootPlatform(
      'faults-files',
      {},
      { restart: DEFAULT_RESTARTS, onRestart: (e) => restarts.push(e) },
    );
    const reg = await p.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'big-uploader', email: 'big-uploader@e2e.test', password: 'big uploader password 1' },
    });
    expect(reg.errors).toBeUndefined();
    token = reg.data!.register.accessToken;
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('leaves no staging bytes and no quota behind, and the same URL then takes the whole file', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(SIZE - 9)]);
    const made = await p.gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
      CREATE,
      { i: { filename: 'big.pdf', contentType: 'application/pdf', size: SIZE } },
      token,
    );
    expect(made.errors).toBeUndefined();
    const { file: ticket, uploadUrl } = made.data!.createUpload;
    expect(new URL(uploadUrl).origin).toBe(p.url);

    // Half the bytes through the gateway's /files proxy, then the connection is held open, mid-way.
    const put = request(uploadUrl, { method: 'PUT', headers: { 'content-length': SIZE } });
    put.on('error', () => undefined);
    put.write(bytes.subarray(0, SIZE / 2));
    await expect
      .poll(
        async () => {
          const [name] = await staged();
          return name ? ((await stat(join(p.filesDir, 'staging', name)).catch(() => null))?.size ?? 0) : 0;
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBeGreaterThan(SIZE / 4);
    expect((await file(ticket.id))?.status).toBe('UPLOADING');

    const killed = p.pid('files')!;
    const killedAt = performance.now();
    process.kill(killed, 'SIGKILL');
    await expect
      .poll(() => restarts.some((e) => e.kind === 'restarted' && e.name === 'files'), {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(true);
    const readyMs = performance.now() - killedAt;
    put.destroy();
    expect(p.pid('files')).not.toBe(killed);

    // Reconciled before the first request: the dead attempt's bytes are gone, its ticket is open again.
    expect(await staged()).toEqual([]);
    const cleanMs = performance.now() - killedAt;
    expect(await file(ticket.id)).toMatchObject({ status: 'PENDING', sha256: null });
    // The open ticket is the only charge: the dead attempt adds nothing.
    expect(await usage()).toEqual({ usedBytes: SIZE, fileCount: 0 });

    const retry = await fetch(uploadUrl, { method: 'PUT', body: bytes });
    expect(retry.status).toBe(201);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await file(ticket.id)).toEqual({ status: 'READY', size: SIZE, sha256 });
    expect(await staged()).toEqual([]);
    expect(await usage()).toEqual({ usedBytes: SIZE, fileCount: 1 });
    console.log(
      `files kill mid-upload: ready again ${Math.round(readyMs)} ms after the kill, staging empty at ${Math.round(cleanMs)} ms; retried ${SIZE / 1024 / 1024} MiB upload READY`,
    );
  }, 90_000);
});
